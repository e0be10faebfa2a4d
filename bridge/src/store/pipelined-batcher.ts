import { ErrorCode, TidingsError } from '@tidings/proto'
import type { Outcome } from './outcome.ts'

interface Pending<I, O> {
  item: I
  resolve: (value: O) => void
  reject: (error: unknown) => void
}

/** Phase one of a batch; resolves to phase two, which writes and yields one outcome per item. */
export type PrepareBatch<I, O> = (items: I[]) => Promise<() => Promise<Outcome<O>[]>>

/**
 * Group commit: what is submitted in one event-loop turn (up to maxBatch items) becomes one
 * batch, e.g. one transaction. Used by every store: CqlStore (a backend with latency to hide),
 * the SQLite append thread (a round trip per batch) and SQLite on this thread (maxInFlight 1;
 * test/pipelined-batcher.test.ts holds the contract). Batches start in submission order and
 * up to maxInFlight of them run at once, preparation and writes alike: `prepare` is called in
 * submission order and must itself keep whatever needs an order (CqlStore allocates a chat's
 * seqs after the previous batch's allocation for that chat). Results are settled in submission
 * order: a later batch is never reported, and so never delivered, before an earlier one, and a
 * chat's log has no visible holes.
 */
export class PipelinedBatcher<I, O> {
  private queue: Pending<I, O>[] = []
  private scheduled = false
  private inFlight = 0
  private settled: Promise<void> = Promise.resolve()
  private readonly onIdle: (() => void)[] = []
  private closed = false

  constructor(
    private readonly prepare: PrepareBatch<I, O>,
    private readonly maxBatch = 256,
    private readonly maxInFlight = 4,
  ) {}

  submit(item: I): Promise<O> {
    if (this.closed) return Promise.reject(new TidingsError(ErrorCode.UNAVAILABLE, 'the store is closed'))
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject })
      this.kick()
    })
  }

  /** Refuses new items (UNAVAILABLE) and resolves once everything submitted before is settled. */
  close(): Promise<void> {
    this.closed = true
    return this.idle()
  }

  /**
   * Resolves once nothing is queued or in flight: everything submitted so far is settled, and so
   * is whatever was submitted meanwhile (close() stops submissions first).
   */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return this.settled
    return new Promise((resolve) => this.onIdle.push(resolve))
  }

  private kick(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return
    // One loop turn: what arrives in the same turn (one read from the log) joins the batch.
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.next()
    })
  }

  private next(): void {
    if (this.inFlight >= this.maxInFlight || this.queue.length === 0) return
    const batch = this.queue.splice(0, this.maxBatch)
    this.inFlight++
    const failAll = (error: unknown) => batch.map((): Outcome<O> => ({ ok: false, error }))
    let outcomes: Promise<Outcome<O>[]>
    try {
      outcomes = this.prepare(batch.map((p) => p.item)).then((write) => write().catch(failAll), failAll)
    } catch (error) {
      outcomes = Promise.resolve(failAll(error))
    }
    // Chained now, in submission order, whichever batch finishes first.
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
    void outcomes.then(() => {
      this.inFlight--
      this.kick()
      if (this.inFlight > 0 || this.queue.length > 0) return
      const settled = this.settled
      for (const resolve of this.onIdle.splice(0)) void settled.then(resolve)
    })
    this.kick()
  }
}
