// Runs in a worker thread (see wal-checkpointer.ts): checkpoints the SQLite WAL on its own
// connection, so the fsyncs of a checkpoint never stall the event loop that writes messages.
// Plain JavaScript so that it loads the same under node, tsx and vitest.
import Database from 'better-sqlite3'
import { clearTimeout, setTimeout } from 'node:timers'
import { parentPort, workerData } from 'node:worker_threads'

const { path, intervalMs, limitPages } = workerData
const db = new Database(path)
db.pragma('busy_timeout = 1000')

/**
 * Past this share of the WAL limit, passes follow each other without a pause, so that the
 * commit that reaches the limit finds (nearly) everything copied and synced: that commit took
 * 10–20 ms after a 25 ms pause and 5–10 ms this way (bench:sqlite, docs/benchmarks.md session 8).
 */
const CATCH_UP_AT = 15 / 16

/** PASSIVE never blocks the writer: it copies what it can and the writer keeps appending. */
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)')[0]

/** With nothing written since the last pass, the pause doubles up to this: an idle store costs nothing. */
const IDLE_INTERVAL_MS = Math.max(intervalMs, 1_000)

let pause = intervalMs
let framesBefore = -1
const pass = () => {
  const { log } = checkpoint() // frames in the WAL
  const written = log !== framesBefore
  framesBefore = log
  pause = written ? intervalMs : Math.min(2 * pause, IDLE_INTERVAL_MS)
  // Only while writes go on: a WAL left near the limit by a burst stays there until the next write.
  const catchingUp = written && limitPages && log >= CATCH_UP_AT * limitPages
  timer = setTimeout(pass, catchingUp ? 0 : pause)
}
let timer = setTimeout(pass, intervalMs)
parentPort.on('message', (message) => {
  if (message !== 'stop') return
  clearTimeout(timer)
  checkpoint()
  db.close()
  parentPort.close()
})
