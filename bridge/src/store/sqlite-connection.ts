import Database from 'better-sqlite3'

export interface SqliteConnectionOptions {
  synchronous: 'NORMAL' | 'FULL'
  /** A WalCheckpointer checkpoints instead of the commit that fills the WAL (see wal-checkpointer.ts). */
  manualCheckpoints: boolean
  /**
   * Only on the connection that appends messages, with manual checkpoints: once the WAL holds
   * this many pages, its commits finish the checkpoint themselves (see wal-checkpointer.ts).
   */
  walLimitPages?: number
}

/** The WAL's size limit by default: 64 MiB of 4 KiB pages, about a second of the heaviest load measured. */
export const DEFAULT_WAL_LIMIT_PAGES = 16_384

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
    db.pragma(`wal_autocheckpoint = ${options.walLimitPages ?? 0}`) // per connection
    // A WAL started over keeps its file (rewriting cached pages is cheaper than growing a file),
    // and shrinks back to twice the default limit after a spike.
    db.pragma(`journal_size_limit = ${2 * DEFAULT_WAL_LIMIT_PAGES * 4096}`)
  }
  return db
}
