import type { Outcome } from './group-commit.ts'

interface Pending<I, O> {
  item: I
  resolve: (value: O) => void
  reject: (error: unknown) => void
}

/** Phase one of a batch; resolves to phase two, which writes and yields one outcome per item. */
export type PrepareBatch<I, O> = (items: I[]) => Promise<() => Promise<Outcome<O>[]>>

/**
 * Group commit for an async backend with latency to hide. Batches are prepared one at a time in
 * submission order (so seqs are allocated in order), their writes overlap (up to maxWriting),
 * and their results are settled in submission order: a later batch is never reported, and so
 * never delivered, before an earlier one, and a chat's log has no visible holes.
 */
export class PipelinedBatcher<I, O> {
  private queue: Pending<I, O>[] = []
  private preparing = false
  private writing = 0
  private settled: Promise<void> = Promise.resolve()

  constructor(
    private readonly prepare: PrepareBatch<I, O>,
    private readonly maxBatch = 256,
    private readonly maxWriting = 4,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject })
      this.kick()
    })
  }

  private kick(): void {
    if (this.preparing || this.writing >= this.maxWriting || this.queue.length === 0) return
    this.preparing = true
    setImmediate(() => void this.next())
  }

  private async next(): Promise<void> {
    const batch = this.queue.splice(0, this.maxBatch)
    this.writing++
    let write: () => Promise<Outcome<O>[]>
    try {
      write = await this.prepare(batch.map((p) => p.item))
    } catch (error) {
      write = async () => batch.map(() => ({ ok: false, error }))
    }
    this.preparing = false
    this.kick()
    const outcomes = write().catch((error: unknown) => batch.map((): Outcome<O> => ({ ok: false, error })))
    const previous = this.settled
    this.settled = (async () => {
      const results = await outcomes
      await previous
      batch.forEach((p, i) => {
        const outcome = results[i]!
        if (outcome.ok) p.resolve(outcome.value)
        else p.reject(outcome.error)
      })
    })()
    await outcomes
    this.writing--
    this.kick()
  }
}
