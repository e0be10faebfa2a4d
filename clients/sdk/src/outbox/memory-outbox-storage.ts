import { byCreatedAt, type OutboxEntry, type OutboxStorage } from './outbox-storage.ts'

/** The default storage: survives reconnects, not a restart of the app. */
export class MemoryOutboxStorage implements OutboxStorage {
  private readonly entries = new Map<string, OutboxEntry>()

  async load(): Promise<OutboxEntry[]> {
    return [...this.entries.values()].map((e) => structuredClone(e)).sort(byCreatedAt)
  }

  async put(entry: OutboxEntry): Promise<void> {
    // A copy, so the caller changing its object later does not change what is stored.
    this.entries.set(entry.clientMsgId, structuredClone(entry))
  }

  async remove(clientMsgId: string): Promise<void> {
    this.entries.delete(clientMsgId)
  }

  async close(): Promise<void> {}
}
