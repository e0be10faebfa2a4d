import { Worker } from 'node:worker_threads'
import { ErrorCode, TidingsError } from '@tidings/proto'
import type { AppendInput, AppendResult } from './message-store.ts'
import type { SqliteConnectionOptions } from './sqlite-connection.ts'
import { errorFromWire, outcomeFromWire, packBatch, transferables } from './sqlite-append-wire.ts'
import type { FromAppendThread, ToAppendThread } from './sqlite-append-worker.ts'

interface Pending {
  item: AppendInput
  resolve: (value: AppendResult) => void
  reject: (error: unknown) => void
}

/**
 * Group commit in a worker thread: appends submitted in one event-loop turn (up to maxBatch)
 * go to the append thread as one batch, one SQLite transaction there, so SQLite's work runs
 * on another core than the broker's. Up to maxInFlight batches are queued at the thread, so it
 * never waits for a round trip; it runs them in order and answers in order, so results are
 * settled in submission order.
 *
 * If the thread dies, every append it had is rejected with UNAVAILABLE (it may or may not have
 * been committed: a retry with the same client_msg_id is answered as a duplicate if it was),
 * and the next append starts a new thread.
 */
export class SqliteAppendThread {
  private worker: Worker | undefined
  private queue: Pending[] = []
  /** Batches sent to the thread, oldest first: its answers come in this order. */
  private readonly inFlight: Pending[][] = []
  private scheduled = false
  private closing: Promise<void> | undefined
  private drained: (() => void) | undefined

  constructor(
    private readonly options: SqliteConnectionOptions & { path: string },
    private readonly maxBatch = 256,
    private readonly maxInFlight = 2,
  ) {
    this.worker = this.start()
  }

  submit(item: AppendInput): Promise<AppendResult> {
    if (this.closing) return Promise.reject(new TidingsError(ErrorCode.UNAVAILABLE, 'the store is closed'))
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ item, resolve, reject })
      if (this.queue.length >= this.maxBatch) this.send()
      else if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => {
          this.scheduled = false
          this.send()
        })
      }
    })
  }

  /** Appends already submitted are committed (or fail) and settled; then the thread ends. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.send(true)
      if (this.inFlight.length > 0) await new Promise<void>((resolve) => (this.drained = resolve))
      const worker = this.worker
      if (!worker) return
      this.worker = undefined
      const exited = new Promise((resolve) => worker.once('exit', resolve))
      worker.ref() // waited for now: it must keep the process alive until it is done
      worker.postMessage({ type: 'close' } satisfies ToAppendThread)
      await exited
    })()
    return this.closing
  }

  /** The running thread (tests end it to see how appends in flight fail). */
  get thread(): Worker | undefined {
    return this.worker
  }

  private start(): Worker {
    const { path, synchronous, manualCheckpoints } = this.options
    const worker = new Worker(new URL('./sqlite-append-worker.mjs', import.meta.url), {
      workerData: { path, synchronous, manualCheckpoints },
    })
    worker.unref() // kept alive only while it has work (see send)
    worker.on('message', (reply: FromAppendThread) => this.settle(reply))
    let failure: Error | undefined
    worker.on('error', (error) => (failure = error))
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined
      const lost = this.inFlight.splice(0)
      if (lost.length === 0) return this.drained?.()
      const why = failure ? failure.message : `exit code ${code}`
      const error = new TidingsError(
        ErrorCode.UNAVAILABLE,
        `the SQLite append thread stopped (${why}); the message may not be stored, retry it`,
        { cause: failure },
      )
      for (const batch of lost) for (const p of batch) p.reject(error)
      this.drained?.()
      if (this.queue.length > 0) this.send() // a new thread for the appends still queued
    })
    return worker
  }

  /** Sends queued appends as batches while fewer than maxInFlight are at the thread (all, on close). */
  private send(all = false): void {
    while (this.queue.length > 0 && (all || this.inFlight.length < this.maxInFlight)) {
      const batch = this.queue.splice(0, this.maxBatch)
      const packed = packBatch(batch.map((p) => p.item))
      this.worker ??= this.start()
      if (this.inFlight.length === 0) this.worker.ref() // work pending: the process waits for it
      this.inFlight.push(batch)
      this.worker.postMessage(
        { type: 'append', batch: packed } satisfies ToAppendThread,
        transferables(packed),
      )
    }
  }

  private settle(reply: FromAppendThread): void {
    const batch = this.inFlight.shift()
    if (!batch) return
    if ('failed' in reply) {
      const error = errorFromWire(reply.failed)
      for (const p of batch) p.reject(error)
    } else {
      batch.forEach((p, i) => {
        const outcome = outcomeFromWire(reply.outcomes, i, p.item)
        if (outcome.ok) p.resolve(outcome.value)
        else p.reject(outcome.error)
      })
    }
    if (this.inFlight.length === 0) {
      this.worker?.unref()
      this.drained?.()
    }
    this.send()
  }
}
