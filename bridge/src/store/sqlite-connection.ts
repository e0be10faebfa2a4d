import Database from 'better-sqlite3'

export interface SqliteConnectionOptions {
  synchronous: 'NORMAL' | 'FULL'
  /** A WalCheckpointer checkpoints instead of the commit that fills the WAL (see wal-checkpointer.ts). */
  manualCheckpoints: boolean
  /** With manual checkpoints: the WAL's size limit in pages (default DEFAULT_WAL_LIMIT_PAGES). */
  walLimitPages?: number
  /**
   * Only on the connection that appends messages, with manual checkpoints: once the WAL holds
   * walLimitPages, its commits finish the checkpoint themselves (see wal-checkpointer.ts).
   */
  boundsWal?: boolean
}

/**
 * The WAL's size limit by default: 256 MiB of 4 KiB pages, about 3.5 s of the heaviest load
 * measured. Each time the WAL reaches it, one commit stalls (5–10 ms here) to finish the
 * checkpoint, so a larger limit means rarer stalls (64 MiB stalled once a second at 5,000
 * messages/s and set the p99); recovering a full WAL after a crash took 0.4 s.
 */
export const DEFAULT_WAL_LIMIT_PAGES = 65_536

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
    const limitPages = options.walLimitPages ?? DEFAULT_WAL_LIMIT_PAGES
    db.pragma(`wal_autocheckpoint = ${options.boundsWal ? limitPages : 0}`) // per connection
    // A WAL started over keeps its file (rewriting cached pages is cheaper than growing a file),
    // and shrinks back to twice the limit after a spike.
    db.pragma(`journal_size_limit = ${2 * limitPages * 4096}`)
  }
  return db
}
