type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown }

interface Pending<I, O> {
  item: I
  resolve: (value: O) => void
  reject: (error: unknown) => void
}

/**
 * Collects work submitted in one event-loop turn (up to maxBatch items) and runs it as one
 * batch, e.g. one SQLite transaction: one fsync-able commit for many messages. Results are
 * settled in submission order, so callers that submit in order are answered in order.
 */
export class GroupCommit<I, O> {
  private queue: Pending<I, O>[] = []
  private scheduled = false

  constructor(
    private readonly runBatch: (items: I[]) => Outcome<O>[],
    private readonly maxBatch = 256,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject })
      if (this.queue.length >= this.maxBatch) this.flush()
      else if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => this.flush())
      }
    })
  }

  /** Runs everything queued now. */
  flush(): void {
    this.scheduled = false
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch)
      let outcomes: Outcome<O>[]
      try {
        outcomes = this.runBatch(batch.map((p) => p.item))
      } catch (error) {
        outcomes = batch.map(() => ({ ok: false, error }))
      }
      batch.forEach((p, i) => {
        const outcome = outcomes[i]!
        if (outcome.ok) p.resolve(outcome.value)
        else p.reject(outcome.error)
      })
    }
  }
}

export const ok = <O>(value: O): Outcome<O> => ({ ok: true, value })
export const failed = <O>(error: unknown): Outcome<O> => ({ ok: false, error })
export type { Outcome }
