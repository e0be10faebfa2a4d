import type { StoredMessage } from './message-store.ts'

/** A row of the messages table (sqlite-schema.ts). */
export interface MessageRow {
  chat_id: string
  seq: number
  sender_id: string
  sender_device: string
  client_msg_id: Buffer
  sent_at: number
  kind: number
  content_type: string
  body: Buffer
  reply_to_seq: number
  target_seq: number
  edited_at: number | null
  edit_seq: number | null
  deleted: 0 | 1
  reactions: string | null
}

/** Bytes are copied into buffers of their own, so a message never pins a larger one. */
export const toMessage = (r: MessageRow): StoredMessage => ({
  chatId: r.chat_id,
  seq: r.seq,
  senderId: r.sender_id,
  senderDevice: r.sender_device,
  clientMsgId: new Uint8Array(r.client_msg_id),
  sentAt: r.sent_at,
  kind: r.kind,
  contentType: r.content_type,
  body: new Uint8Array(r.body),
  replyToSeq: r.reply_to_seq,
  targetSeq: r.target_seq,
  ...(r.edited_at !== null ? { editedAt: r.edited_at, editSeq: r.edit_seq! } : {}),
  ...(r.deleted ? { deleted: true } : {}),
  ...(r.reactions !== null ? { reactions: JSON.parse(r.reactions) as Record<string, string> } : {}),
})
