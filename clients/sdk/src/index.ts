export {
  TidingsClient,
  type TidingsClientOptions,
  type ChatMessage,
  type SendResult,
  type SendOptions,
  type ReceiptEvent,
} from './client.ts'
export {
  HttpApi,
  devToken,
  type ApiChat,
  type ApiChatSummary,
  type ApiMember,
  type ApiMessage,
  type HistoryPage,
  type UserSettings,
} from './http.ts'
export type { TypingEvent, PresenceEvent } from './ephemeral.ts'
export { ChatCursor } from './chat-cursor.ts'
export { ChatView, type ChatItem, type ReactionGroup, type ReplyPreview } from './chat-view.ts'
export { backoffDelay } from './backoff.ts'
export type { OutboxEntry, OutboxStorage } from './outbox/outbox-storage.ts'
export type { OutboxEvent } from './outbox/outbox.ts'
export { MemoryOutboxStorage } from './outbox/memory-outbox-storage.ts'
export { IndexedDbOutboxStorage } from './outbox/indexeddb-outbox-storage.ts'
