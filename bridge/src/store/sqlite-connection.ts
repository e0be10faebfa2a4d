import Database from 'better-sqlite3'

export interface SqliteConnectionOptions {
  synchronous: 'NORMAL' | 'FULL'
  /** A WalCheckpointer checkpoints instead of the commit that fills the WAL (see wal-checkpointer.ts). */
  manualCheckpoints: boolean
}

/**
 * Opens one connection to the embedded store's file with the settings every connection needs.
 * The main thread and the append thread each hold one and both write, so each waits for the
 * other's write lock (busy_timeout) and every write transaction takes the lock up front
 * (BEGIN IMMEDIATE): a deferred transaction that read first cannot wait, it fails with
 * SQLITE_BUSY once the other connection committed in between.
 */
export function openSqlite(path: string, options: SqliteConnectionOptions): Database.Database {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('busy_timeout = 5000')
  db.pragma(`synchronous = ${options.synchronous}`)
  db.pragma('foreign_keys = OFF')
  if (options.manualCheckpoints) {
    db.pragma('wal_autocheckpoint = 0') // per connection: every writer needs it
    db.pragma(`journal_size_limit = ${64 * 2 ** 20}`) // the WAL file shrinks back after a spike
  }
  return db
}
