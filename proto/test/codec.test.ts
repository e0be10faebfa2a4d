import { describe, expect, it } from 'vitest'
import type { TidingsError } from '../src/index.ts'
import {
  ErrorCode,
  bytesToUuid,
  decodeClientEnvelope,
  decodeServerEnvelope,
  encodeClientEnvelope,
  encodeServerEnvelope,
  newChatId,
  newClientMsgId,
  parseClientId,
  uuidToBytes,
  validateSend,
} from '../src/index.ts'

describe('envelopes', () => {
  it('round-trip a send and a delivered message, with 64-bit fields as plain numbers', () => {
    const clientMsgId = newClientMsgId()
    const send = decodeClientEnvelope(
      encodeClientEnvelope({ send: { chatId: 'c1', clientMsgId, body: Buffer.from('hi') } }),
    )
    expect(send.event).toBe('send')
    expect(Buffer.from(send.send!.clientMsgId!)).toEqual(Buffer.from(clientMsgId))
    const big = 2 ** 40 + 7
    const out = decodeServerEnvelope(
      encodeServerEnvelope({ message: { chatId: 'c1', seq: big, sentAt: 1_800_000_000_000 } }),
    )
    expect(out.message!.seq).toBe(big)
    expect(typeof out.message!.sentAt).toBe('number')
    expect(decodeServerEnvelope(encodeServerEnvelope({ ack: { chatId: 'c' } })).ack!.seq).toBe(0)
  })

  it('rejects bytes that are not an envelope', () => {
    expect(() => decodeClientEnvelope(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f]))).toThrow()
  })

  it('keeps the send envelope within 40 bytes of overhead over a 20-byte body', () => {
    const body = Buffer.from('twenty bytes of text')
    const bytes = encodeClientEnvelope({ send: { chatId: newChatId(), clientMsgId: newClientMsgId(), body } })
    expect(bytes.length - body.length).toBeLessThanOrEqual(40)
  })
})

describe('ids and topics', () => {
  it('parses <userId>/<deviceId> client ids and refuses wildcards', () => {
    expect(parseClientId('alice/phone')).toEqual({ userId: 'alice', deviceId: 'phone' })
    for (const bad of ['alice', 'alice/', '/phone', 'al+ce/phone', 'alice/ph#ne', 'a/b/c', '$SYS/x'])
      expect(parseClientId(bad)).toBeUndefined()
  })

  it('converts UUIDs to 16 bytes and back', () => {
    const uuid = '0190f1c4-7a6b-7c3d-8e9f-a0b1c2d3e4f5'
    expect(bytesToUuid(uuidToBytes(uuid))).toBe(uuid)
    expect(newChatId()).toMatch(/^[A-Za-z0-9_-]{12}$/)
  })
})

describe('validateSend', () => {
  const ok = { chatId: 'c1', clientMsgId: newClientMsgId(), body: Buffer.alloc(10) }
  const code = (send: object) => {
    try {
      validateSend(send, { maxBodyBytes: 100 })
      return 'ok'
    } catch (err) {
      return (err as TidingsError).code
    }
  }
  it('accepts a plain send and fills defaults', () => {
    expect(validateSend(ok, { maxBodyBytes: 100 })).toMatchObject({ contentType: '', kind: 0, replyToSeq: 0 })
  })
  it('names what is wrong with a code', () => {
    expect(code({ ...ok, body: Buffer.alloc(101) })).toBe(ErrorCode.PAYLOAD_TOO_LARGE)
    expect(code({ ...ok, clientMsgId: Buffer.alloc(3) })).toBe(ErrorCode.INVALID_REQUEST)
    expect(code({ ...ok, chatId: 'a/b' })).toBe(ErrorCode.INVALID_REQUEST)
    expect(code({ ...ok, kind: 1 })).toBe(ErrorCode.INVALID_REQUEST) // an edit needs target_seq
    expect(code({ ...ok, kind: 1, targetSeq: 3 })).toBe('ok')
    expect(code({ ...ok, kind: 99, targetSeq: 3 })).toBe(ErrorCode.INVALID_REQUEST)
    expect(code({ ...ok, replyToSeq: 2 ** 60 })).toBe(ErrorCode.INVALID_REQUEST)
  })
  it('checks the shape of edits, deletes, reactions and replies', () => {
    const utf8 = (s: string) => new TextEncoder().encode(s)
    expect(code({ ...ok, replyToSeq: 2 })).toBe('ok')
    expect(code({ ...ok, targetSeq: 2 })).toBe(ErrorCode.INVALID_REQUEST) // a plain message has no target
    expect(code({ ...ok, kind: 1, targetSeq: 3, replyToSeq: 2 })).toBe(ErrorCode.INVALID_REQUEST)
    expect(code({ ...ok, kind: 1, targetSeq: 3, body: undefined })).toBe(ErrorCode.INVALID_REQUEST) // empty edit
    expect(code({ ...ok, kind: 2, targetSeq: 3, body: undefined })).toBe('ok')
    expect(code({ ...ok, kind: 2, targetSeq: 3 })).toBe(ErrorCode.INVALID_REQUEST) // a delete with a body
    expect(code({ ...ok, kind: 3, targetSeq: 3, body: utf8('👍🏽') })).toBe('ok')
    expect(code({ ...ok, kind: 3, targetSeq: 3, body: undefined })).toBe('ok') // removes the reaction
    expect(code({ ...ok, kind: 3, targetSeq: 3, body: utf8('x'.repeat(64)) })).toBe('ok')
    expect(code({ ...ok, kind: 3, targetSeq: 3, body: utf8('x'.repeat(65)) })).toBe(ErrorCode.INVALID_REQUEST)
    expect(code({ ...ok, kind: 3, targetSeq: 3, body: Uint8Array.from([0xff, 0xfe]) })).toBe(
      ErrorCode.INVALID_REQUEST,
    )
  })
})
