import { describe, expect, it } from 'vitest'
import { encodeErrorEvent, encodeServerEnvelope, newClientMsgId, peekMessageSentAt } from '../src/index.ts'

const message = {
  chatId: 'c'.repeat(40),
  seq: 2 ** 40 + 3,
  senderId: 'alice',
  senderDevice: 'phone',
  clientMsgId: newClientMsgId(),
  sentAt: 1_800_000_000_123,
  body: new Uint8Array(300).fill(7), // a length of two varint bytes
  contentType: 'text/plain',
  kind: 1,
  replyToSeq: 5,
  targetSeq: 9,
}

describe('peekMessageSentAt', () => {
  it('reads sent_at of a Message envelope as the encoder wrote it, whatever the other fields hold', () => {
    expect(peekMessageSentAt(encodeServerEnvelope({ message }))).toBe(message.sentAt)
    expect(peekMessageSentAt(encodeServerEnvelope({ message: { sentAt: 1 } }))).toBe(1)
    expect(peekMessageSentAt(Buffer.from(encodeServerEnvelope({ message })))).toBe(message.sentAt)
  })

  it('is undefined for every other event and for a message without sent_at', () => {
    const ack = { chatId: 'c', clientMsgId: newClientMsgId(), seq: 1, sentAt: 1_800_000_000_000 }
    expect(peekMessageSentAt(encodeServerEnvelope({ ack }))).toBeUndefined()
    expect(peekMessageSentAt(encodeErrorEvent({ code: 'X', message: 'no' }, 'phone'))).toBeUndefined()
    expect(peekMessageSentAt(encodeServerEnvelope({ message: { chatId: 'c', seq: 1 } }))).toBeUndefined()
    expect(peekMessageSentAt(new Uint8Array(0))).toBeUndefined()
  })

  it('is undefined, never throws, for truncated or garbled bytes and negative times', () => {
    const whole = encodeServerEnvelope({ message })
    for (let cut = 1; cut < whole.length; cut++)
      expect(peekMessageSentAt(whole.subarray(0, cut))).toBeUndefined()
    expect(peekMessageSentAt(Uint8Array.of(0xff, 0xff, 0xff))).toBeUndefined()
    expect(peekMessageSentAt(Uint8Array.of(0x0b))).toBeUndefined() // a group
    expect(peekMessageSentAt(encodeServerEnvelope({ message: { sentAt: -5 } }))).toBeUndefined()
  })
})
