import { Worker } from 'node:worker_threads'
import { ErrorCode, TidingsError } from '@tidings/proto'
import { failed, type Outcome } from './outcome.ts'
import type { AppendInput, AppendResult } from './message-store.ts'
import { PipelinedBatcher } from './pipelined-batcher.ts'
import type { SqliteConnectionOptions } from './sqlite-connection.ts'
import { AppendChannelSender } from './append-channel.ts'
import { errorFromWire, outcomeFromWire } from './sqlite-append-wire.ts'
import type { AppendWorkerData, FromAppendThread } from './sqlite-append-worker.ts'
import { WriteLock } from './write-lock.ts'

export interface AppendThreadOptions extends SqliteConnectionOptions {
  path: string
  /** The store's WriteLock, shared with the thread; a lock of its own if none. */
  writeLock?: SharedArrayBuffer
}

interface RoundTrip {
  resolve: (reply: FromAppendThread) => void
  reject: (error: unknown) => void
}

/**
 * Group commit in a worker thread: appends submitted in one event-loop turn (up to maxBatch)
 * go to the append thread as one batch, one SQLite transaction there, so SQLite's work runs
 * on another core than the broker's. The batching is PipelinedBatcher's: up to maxInFlight
 * batches are queued at the thread, so it never waits for a round trip, and results are settled
 * in submission order. The thread runs batches in order and answers in order, each under the
 * store's WriteLock, so it never sleeps in SQLite's busy handler while the main thread writes.
 * (One batch at a time: a lower p99 in one series of pairs benchmarks, a higher one for the
 * store alone, inconclusive in another series; docs/benchmarks.md, sessions 7 and 8.)
 *
 * If the thread dies, every append it had is rejected with UNAVAILABLE (it may or may not have
 * been committed: a retry with the same client_msg_id is answered as a duplicate if it was),
 * and the next batch starts a new thread.
 */
export class SqliteAppendThread {
  private worker: Worker | undefined
  /** The running thread's (a new thread gets a channel of its own). */
  private channel: AppendChannelSender | undefined
  private readonly batcher: PipelinedBatcher<AppendInput, AppendResult>
  /** Batches at the thread, oldest first: its answers come in this order. */
  private readonly atThread: RoundTrip[] = []
  private closing: Promise<void> | undefined

  constructor(
    private readonly options: AppendThreadOptions,
    maxBatch = 256,
    private readonly maxInFlight = 2,
  ) {
    // Nothing to prepare: a batch's one phase is its round trip to the thread.
    this.batcher = new PipelinedBatcher(async (items) => () => this.roundTrip(items), maxBatch, maxInFlight)
    this.worker = this.start()
  }

  submit(item: AppendInput): Promise<AppendResult> {
    return this.batcher.submit(item)
  }

  /** Appends already submitted are committed (or fail) and settled; then the thread ends. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.batcher.close()
      const worker = this.worker
      if (!worker) return
      this.worker = undefined
      const exited = new Promise((resolve) => worker.once('exit', resolve))
      worker.ref() // waited for now: it must keep the process alive until it is done
      this.channel!.close()
      await exited
    })()
    return this.closing
  }

  /** The running thread (tests end it to see how appends in flight fail). */
  get thread(): Worker | undefined {
    return this.worker
  }

  private start(): Worker {
    const { path, synchronous, manualCheckpoints, walLimitPages, boundsWal } = this.options
    const writeLock = (this.options.writeLock ??= new WriteLock().buffer)
    // One slot per batch in flight: the thread answers in order, so a slot is free when it comes round.
    const channel = (this.channel = new AppendChannelSender(this.maxInFlight))
    const workerData: AppendWorkerData = {
      ...{ path, synchronous, manualCheckpoints, walLimitPages, boundsWal, writeLock },
      channel: channel.layout,
    }
    const worker = new Worker(new URL('./sqlite-append-worker.mjs', import.meta.url), { workerData })
    worker.unref() // kept alive only while it has work (see roundTrip)
    worker.on('message', (reply: FromAppendThread) => {
      const trip = this.atThread.shift()
      if (this.atThread.length === 0) worker.unref()
      trip?.resolve(reply)
    })
    let failure: Error | undefined
    worker.on('error', (error) => (failure = error))
    worker.on('exit', (code) => {
      new WriteLock(writeLock).reset() // it may have ended holding the lock
      if (this.worker === worker) this.worker = undefined
      const why = failure ? failure.message : `exit code ${code}`
      const error = new TidingsError(
        ErrorCode.UNAVAILABLE,
        `the SQLite append thread stopped (${why}); the message may not be stored, retry it`,
        { cause: failure },
      )
      for (const trip of this.atThread.splice(0)) trip.reject(error)
    })
    return worker
  }

  /** One batch to the thread and its outcomes back (all failed if its transaction failed). */
  private async roundTrip(items: AppendInput[]): Promise<Outcome<AppendResult>[]> {
    const worker = (this.worker ??= this.start())
    this.channel!.send(items, worker) // first: if it throws, no trip waits for an answer
    if (this.atThread.length === 0) worker.ref() // work pending: the process waits for it
    const reply = await new Promise<FromAppendThread>((resolve, reject) => {
      this.atThread.push({ resolve, reject })
    })
    if ('failed' in reply) {
      const error = errorFromWire(reply.failed)
      return items.map(() => failed(error))
    }
    return items.map((item, i) => outcomeFromWire(reply.outcomes, i, item))
  }
}
