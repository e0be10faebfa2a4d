import { byCreatedAt, type OutboxEntry, type OutboxStorage } from './outbox-storage.ts'

const STORE = 'entries'

/**
 * The outbox in the browser's IndexedDB: it survives a reload, a closed tab and a browser
 * restart. Writes use `durability: 'strict'` (flushed to disk before they complete): an
 * outbox exists for the crash case. Every tab of an origin sees the same database; two tabs
 * resending one entry is harmless, since the server dedupes on client_msg_id.
 */
export class IndexedDbOutboxStorage implements OutboxStorage {
  private db: Promise<IDBDatabase> | undefined

  constructor(
    /** One database per account keeps accounts apart (the SDK also filters by user). */
    readonly databaseName = 'tidings-outbox',
    private readonly factory: IDBFactory = globalThis.indexedDB,
  ) {}

  async load(): Promise<OutboxEntry[]> {
    const entries = await this.run<OutboxEntry[]>('readonly', (store) => store.getAll())
    return entries.sort(byCreatedAt)
  }

  async put(entry: OutboxEntry): Promise<void> {
    await this.run('readwrite', (store) => store.put(entry))
  }

  async remove(clientMsgId: string): Promise<void> {
    await this.run('readwrite', (store) => store.delete(clientMsgId))
  }

  async close(): Promise<void> {
    const db = this.db
    this.db = undefined
    if (db) (await db).close()
  }

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      if (!this.factory) return reject(new Error('IndexedDB is not available here'))
      const request = this.factory.open(this.databaseName, 1)
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'clientMsgId' })
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error ?? new Error(`cannot open IndexedDB ${this.databaseName}`))
      request.onblocked = () => reject(new Error(`IndexedDB ${this.databaseName} is blocked by another tab`))
    })
    return this.db
  }

  /**
   * One request in its own transaction, settled when the transaction completes (for writes: once
   * durable). Transactions over the same store run in the order they are created, which is call
   * order: every call waits for the same `open()` promise.
   */
  private async run<T>(mode: IDBTransactionMode, request: (store: IDBObjectStore) => IDBRequest): Promise<T> {
    const db = await this.open()
    return new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode, { durability: mode === 'readwrite' ? 'strict' : 'default' })
      const req = request(tx.objectStore(STORE))
      tx.oncomplete = () => resolve(req.result as T)
      tx.onerror = () => reject(tx.error ?? req.error)
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
    })
  }
}
