import type { Outcome } from './group-commit.ts'

interface Pending<I, O> {
  item: I
  resolve: (value: O) => void
  reject: (error: unknown) => void
}

/**
 * Group commit for an async backend: one batch in flight at a time; whatever arrives meanwhile
 * forms the next batch (up to maxBatch). Batches run in submission order, so a later batch
 * never overtakes an earlier one (per-chat seq order on the store follows from it).
 */
export class PipelinedBatcher<I, O> {
  private queue: Pending<I, O>[] = []
  private running = false

  constructor(
    private readonly runBatch: (items: I[]) => Promise<Outcome<O>[]>,
    private readonly maxBatch = 256,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject })
      if (!this.running) {
        this.running = true
        setImmediate(() => void this.drain())
      }
    })
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch)
      let outcomes: Outcome<O>[]
      try {
        outcomes = await this.runBatch(batch.map((p) => p.item))
      } catch (error) {
        outcomes = batch.map(() => ({ ok: false, error }))
      }
      batch.forEach((p, i) => {
        const outcome = outcomes[i]!
        if (outcome.ok) p.resolve(outcome.value)
        else p.reject(outcome.error)
      })
    }
    this.running = false
  }
}
