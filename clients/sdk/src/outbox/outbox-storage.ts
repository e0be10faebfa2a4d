import type { MessageKindName } from '@tidings/proto'

/**
 * A send the server has not acknowledged yet: everything needed to publish it again with the
 * same client_msg_id, also from a new SDK instance after the app restarted.
 */
export interface OutboxEntry {
  /** The client_msg_id as a UUID string: the key, and what the server dedupes on. */
  clientMsgId: string
  /** The sender. A storage shared by several accounts is resent by each account for its own entries only. */
  userId: string
  chatId: string
  body: Uint8Array
  /** As sent: empty means text/plain; charset=utf-8. */
  contentType: string
  kind: MessageKindName
  replyToSeq?: number
  /** The message an edit, delete or reaction points at. */
  targetSeq?: number
  /** Milliseconds since the epoch; unique and increasing per client, so entries resend in the order they were written. */
  createdAt: number
  /** How many times it was published so far (0: never). */
  attempts: number
}

/**
 * Where unacknowledged sends wait. Implementations: MemoryOutboxStorage (the default),
 * FileOutboxStorage (Node, `@tidings/sdk/node`), IndexedDbOutboxStorage (browsers).
 *
 * Invariants (checked by the contract cases in `@tidings/sdk/testing`):
 * - operations take effect in call order, even when the caller does not wait for each one
 *   (a `put` followed at once by a `remove` of the same id leaves nothing);
 * - `put` resolves once the entry is as durable as the backing allows;
 * - `load` returns copies, oldest `createdAt` first.
 */
export interface OutboxStorage {
  load(): Promise<OutboxEntry[]>
  /** Adds an entry, or replaces the one with the same clientMsgId. */
  put(entry: OutboxEntry): Promise<void>
  /** Removes an entry; an unknown id is not an error. */
  remove(clientMsgId: string): Promise<void>
  close(): Promise<void>
}

/** Oldest first; a stable sort keeps insertion order for equal times. */
export const byCreatedAt = (a: OutboxEntry, b: OutboxEntry) => a.createdAt - b.createdAt
