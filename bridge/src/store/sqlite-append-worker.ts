// Runs in the append thread (see sqlite-append-thread.ts): appends batches on its own connection,
// in the order they arrive, and answers each with one outcome per message.
import { parentPort, workerData } from 'node:worker_threads'
import { openSqlite } from './sqlite-connection.ts'
import { SqliteAppender } from './sqlite-appender.ts'
import type { AppendThreadOptions } from './sqlite-append-thread.ts'
import { WriteLock } from './write-lock.ts'
import { errorToWire, outcomesToWire, type WireError, type WireOutcomes } from './sqlite-append-wire.ts'
import { AppendChannelReceiver, type AppendChannelLayout } from './append-channel.ts'

export type AppendWorkerData = AppendThreadOptions & {
  writeLock: SharedArrayBuffer
  channel: AppendChannelLayout
}
export type FromAppendThread = { outcomes: WireOutcomes } | { failed: WireError }

const { path, writeLock, channel, ...options } = workerData as AppendWorkerData
const db = openSqlite(path, options)
const lock = new WriteLock(writeLock)
const appender = new SqliteAppender(db)
const port = parentPort!
const batches = new AppendChannelReceiver(channel, port)

// This thread does nothing else: it waits for batches in Atomics.wait, not in an event loop.
for (let batch = batches.next(); batch; batch = batches.next()) {
  let outcomes: WireOutcomes
  try {
    outcomes = outcomesToWire(lock.hold(() => appender.appendBatch(batch!)))
  } catch (error) {
    // The transaction rolled back: nothing of the batch is stored.
    port.postMessage({ failed: errorToWire(error) } satisfies FromAppendThread)
    continue
  }
  port.postMessage({ outcomes } satisfies FromAppendThread, [outcomes.seqs.buffer as ArrayBuffer])
}
db.close()
