import type { ValidSend } from '@tidings/proto'
import type { Fence } from '../sequence/sequence-allocator.ts'

/**
 * What a client asks to append (a validated send, see proto's validateSend); the store assigns
 * the seq. (chatId, clientMsgId) identifies a message across retries.
 */
export interface AppendInput extends ValidSend {
  senderId: string
  senderDevice: string
  /** Server receive time, ms since the epoch. */
  sentAt: number
}

/** How the request reached the store; never stored. */
export interface AppendContext {
  /** The client said it resends, or the inbound log hands the record out again: look for a stored copy. */
  mayBeDuplicate?: boolean
  /** The inbound-log partition lease the caller works under (cluster mode). */
  fence?: Fence
}

/**
 * A log entry. Edits, deletes and reactions stay in the log as events with their own seq; the
 * message they target (a normal message) also carries its current state in the optional fields,
 * so a reader of history needs no fold.
 */
export interface StoredMessage extends AppendInput {
  seq: number
  /** Set after an edit: body and contentType are the edit's, sent at this time by event editSeq. */
  editedAt?: number
  editSeq?: number
  /** A tombstone: the body is erased (and so are the bodies of the edits of it). */
  deleted?: boolean
  /** userId -> reaction, present when at least one member reacted (never on a tombstone). */
  reactions?: Record<string, string>
}

export interface AppendResult {
  message: StoredMessage
  /** True when (chatId, clientMsgId) was already stored: nothing new was written. */
  duplicate: boolean
}

/** Keyset page request: at most one of before/after; neither means "the latest". */
export interface HistoryQuery {
  before?: number
  after?: number
  limit: number
}

export interface HistoryPage {
  /** Always in ascending seq order. */
  messages: StoredMessage[]
  /** More messages exist beyond this page in the direction asked. */
  hasMore: boolean
}

/**
 * The chat log. Invariants every implementation keeps (see testing/message-store.contract.ts):
 * - seq starts at 1 per chat and strictly increases; a seq is never assigned twice, even after
 *   a restart or after a sequence allocator lost its state;
 * - append is idempotent on (chatId, clientMsgId): a retry returns the original message and
 *   `duplicate: true`;
 * - append rejects with TidingsError UNKNOWN_CHAT or NOT_A_MEMBER and stores nothing;
 * - an edit, delete or reaction (or a reply) that breaks the rules of message-changes.ts is
 *   rejected with its TidingsError and stores nothing; an accepted one is stored as an event and
 *   also updates its target's state (editedAt, deleted, reactions) before append resolves;
 * - when append resolves, the message is durable (survives a crash of this process);
 * - concurrent appends to one chat get distinct, gap-free seqs.
 */
export interface MessageStore {
  append(input: AppendInput, context?: AppendContext): Promise<AppendResult>
  history(chatId: string, query: HistoryQuery): Promise<HistoryPage>
  close(): Promise<void>
}
