// Runs in the append thread (see sqlite-append-thread.ts): appends batches on its own connection,
// in the order they arrive, and answers each with one outcome per message.
import { parentPort, workerData } from 'node:worker_threads'
import { openSqlite } from './sqlite-connection.ts'
import { SqliteAppender } from './sqlite-appender.ts'
import type { AppendThreadOptions } from './sqlite-append-thread.ts'
import { WriteLock } from './write-lock.ts'
import {
  errorToWire,
  outcomesToWire,
  unpackBatch,
  type PackedBatch,
  type WireError,
  type WireOutcomes,
} from './sqlite-append-wire.ts'

export type ToAppendThread = { type: 'append'; batch: PackedBatch } | { type: 'close' }
export type FromAppendThread = { outcomes: WireOutcomes } | { failed: WireError }

const { path, writeLock, ...options } = workerData as AppendThreadOptions & { writeLock: SharedArrayBuffer }
const db = openSqlite(path, options)
const lock = new WriteLock(writeLock)
const appender = new SqliteAppender(db)
const port = parentPort!

port.on('message', (message: ToAppendThread) => {
  if (message.type === 'close') {
    db.close()
    port.close()
    return
  }
  let outcomes: WireOutcomes
  try {
    const batch = unpackBatch(message.batch)
    outcomes = outcomesToWire(lock.hold(() => appender.appendBatch(batch)))
  } catch (error) {
    // The transaction rolled back: nothing of the batch is stored.
    port.postMessage({ failed: errorToWire(error) } satisfies FromAppendThread)
    return
  }
  port.postMessage({ outcomes } satisfies FromAppendThread, [outcomes.seqs.buffer as ArrayBuffer])
})
