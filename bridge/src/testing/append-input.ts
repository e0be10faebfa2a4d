import { newClientMsgId } from '@tidings/proto'
import type { AppendInput } from '../store/message-store.ts'

/** A plain text message from `senderId`'s phone to `chatId`, with a fresh client id; `over` changes any field. */
export function appendInput(chatId: string, senderId: string, over: Partial<AppendInput> = {}): AppendInput {
  return {
    chatId,
    senderId,
    senderDevice: 'phone',
    clientMsgId: newClientMsgId(),
    body: new TextEncoder().encode('hello'),
    contentType: '',
    kind: 0,
    replyToSeq: 0,
    targetSeq: 0,
    sentAt: Date.now(),
    ...over,
  }
}
