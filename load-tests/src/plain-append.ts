import { newClientMsgId } from '@tidings/proto'
import type { AppendInput } from '@tidings/bridge/store'

/** A plain message as the store benchmarks append it: a fresh client id, no reply, no target. */
export const plainAppend = (chatId: string, senderId: string, body: Uint8Array): AppendInput => ({
  chatId,
  senderId,
  senderDevice: 'bench',
  clientMsgId: newClientMsgId(),
  body,
  contentType: '',
  kind: 0,
  replyToSeq: 0,
  targetSeq: 0,
  sentAt: Date.now(),
})
