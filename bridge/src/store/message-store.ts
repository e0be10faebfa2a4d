/** What a client asks to append; the store assigns the seq. */
export interface AppendInput {
  chatId: string
  senderId: string
  senderDevice: string
  /** 16 bytes chosen by the client; (chatId, clientMsgId) identifies a message across retries. */
  clientMsgId: Uint8Array
  body: Uint8Array
  contentType: string
  /** tidings.v1.MessageKind */
  kind: number
  replyToSeq: number
  targetSeq: number
  /** Server receive time, ms since the epoch. */
  sentAt: number
}

export interface StoredMessage extends AppendInput {
  seq: number
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
 * - when append resolves, the message is durable (survives a crash of this process);
 * - concurrent appends to one chat get distinct, gap-free seqs.
 */
export interface MessageStore {
  append(input: AppendInput): Promise<AppendResult>
  history(chatId: string, query: HistoryQuery): Promise<HistoryPage>
  close(): Promise<void>
}
