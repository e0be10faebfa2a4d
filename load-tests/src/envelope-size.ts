// Prints how many bytes the protobuf envelope adds around a 20-byte text body, per event kind.
// Run: npm run envelope-size --workspace @tidings/load-tests
import { encodeClientEnvelope, encodeServerEnvelope, newChatId, newClientMsgId } from '@tidings/proto'

export function envelopeOverhead(bodyBytes = 20) {
  const body = Buffer.alloc(bodyBytes, 0x61)
  const chatId = newChatId()
  const clientMsgId = newClientMsgId()
  const send = encodeClientEnvelope({ send: { chatId, clientMsgId, body } })
  const delivered = encodeServerEnvelope({
    message: {
      chatId,
      seq: 123_456,
      senderId: 'user-1234',
      senderDevice: 'phone',
      clientMsgId,
      sentAt: Date.now(),
      body,
    },
  })
  const ack = encodeServerEnvelope({ ack: { chatId, clientMsgId, seq: 123_456, sentAt: Date.now() } })
  return {
    bodyBytes,
    send: { bytes: send.length, overhead: send.length - bodyBytes },
    delivered: { bytes: delivered.length, overhead: delivered.length - bodyBytes },
    ack: { bytes: ack.length },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(envelopeOverhead(), null, 2))
