import { encodeServerEnvelope } from '@tidings/proto'
import type { StoredMessage } from '../store/message-store.ts'

/** Server envelopes the bridge sends; one place so every path encodes them alike. */
export const messageEvent = (m: StoredMessage): Uint8Array =>
  encodeServerEnvelope({
    message: {
      chatId: m.chatId,
      seq: m.seq,
      senderId: m.senderId,
      senderDevice: m.senderDevice,
      clientMsgId: m.clientMsgId,
      sentAt: m.sentAt,
      body: m.body,
      contentType: m.contentType,
      kind: m.kind,
      replyToSeq: m.replyToSeq,
      targetSeq: m.targetSeq,
    },
  })

export const ackEvent = (m: StoredMessage, duplicate: boolean): Uint8Array =>
  encodeServerEnvelope({
    ack: { chatId: m.chatId, clientMsgId: m.clientMsgId, seq: m.seq, sentAt: m.sentAt, duplicate },
  })
