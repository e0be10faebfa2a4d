// Runs in a worker thread (see wal-checkpointer.ts): checkpoints the SQLite WAL on its own
// connection, so the fsyncs of a checkpoint never stall the event loop that writes messages.
// Plain JavaScript so that it loads the same under node, tsx and vitest.
import Database from 'better-sqlite3'
import { clearInterval, setInterval } from 'node:timers'
import { parentPort, workerData } from 'node:worker_threads'

const { path, intervalMs } = workerData
const db = new Database(path)
db.pragma('busy_timeout = 1000')

/** PASSIVE never blocks the writer: it copies what it can and the writer keeps appending. */
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)')

const timer = setInterval(checkpoint, intervalMs)
parentPort.on('message', (message) => {
  if (message !== 'stop') return
  clearInterval(timer)
  checkpoint()
  db.close()
  parentPort.close()
})
