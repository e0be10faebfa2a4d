import { Worker } from 'node:worker_threads'

/**
 * Checkpoints a WAL-mode SQLite database from a worker thread. SQLite's automatic checkpoint runs
 * inside the commit that crosses 1,000 pages, fsyncs there, and so stalls every message behind it
 * (p99 of an append at 5,000/s: 20–25 ms with it, 2–3 ms without; docs/benchmarks.md). The
 * connections turn it off, and this copies the WAL into the database without blocking writers.
 *
 * Only a checkpoint that has copied every frame lets the next commit start the WAL over, and
 * under writes that never pause this one never gets there: frames arrive while it copies, and
 * the WAL grew by ~70 MB a second at 5,000 messages/s. So the connection that appends messages
 * keeps SQLite's automatic checkpoint, at a high limit (walLimitPages): past it, one of its
 * commits copies what is left, at most one interval's worth, and the WAL starts over. Hence a
 * short interval (25 ms by default): that commit is short, and a pass with nothing to copy is cheap.
 * It still takes 5–10 ms here (fsyncs), although the worker passes without a pause once the WAL
 * nears the limit, so the limit is large (256 MiB by default): at 5,000 messages/s a 64 MiB limit
 * stalled a commit every 0.9 s, which set the p99.
 */
export class WalCheckpointer {
  private readonly worker: Worker
  private readonly stopped: Promise<void>

  /** limitPages: the WAL limit of the appending connection, if it has one (see CATCH_UP_AT). */
  constructor(path: string, intervalMs: number, limitPages?: number) {
    this.worker = new Worker(new URL('./wal-checkpoint-worker.mjs', import.meta.url), {
      workerData: { path, intervalMs, limitPages },
    })
    this.worker.unref() // never keeps a process alive on its own
    this.stopped = new Promise((resolve) => this.worker.once('exit', () => resolve()))
  }

  /** One last checkpoint, then the worker ends. */
  async stop(): Promise<void> {
    this.worker.ref() // waited for now: it must keep the process alive until it is done
    this.worker.postMessage('stop')
    await this.stopped
  }
}
