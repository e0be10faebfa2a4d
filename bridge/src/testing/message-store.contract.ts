import { afterEach, beforeEach, describe, expect } from 'vitest'
import { ErrorCode, newClientMsgId } from '@tidings/proto'
import type { AppendInput } from '../store/message-store.ts'
import { contractTest, type StoreContractOptions, type StoresUnderTest } from './stores.ts'

const text = (s: string) => new TextEncoder().encode(s)

export function messageStoreContract(options: StoreContractOptions): void {
  const test = contractTest(options)

  describe(`MessageStore contract: ${options.name}`, () => {
    let stores: StoresUnderTest
    let chatId: string
    let otherChatId: string

    const input = (over: Partial<AppendInput> = {}): AppendInput => ({
      chatId,
      senderId: 'alice',
      senderDevice: 'phone',
      clientMsgId: newClientMsgId(),
      body: text('hello'),
      contentType: '',
      kind: 0,
      replyToSeq: 0,
      targetSeq: 0,
      sentAt: Date.now(),
      ...over,
    })

    beforeEach(async () => {
      stores = await options.create()
      chatId = (await stores.chats.createDirect('alice', 'bob')).chat.id
      otherChatId = (await stores.chats.createGroup({ title: 'g', createdBy: 'alice', memberIds: ['bob'] }))
        .id
    })
    afterEach(async () => stores.close())

    test('assigns seq 1, 2, 3… per chat, independent across chats', async () => {
      const a1 = await stores.messages.append(input())
      const a2 = await stores.messages.append(input())
      const b1 = await stores.messages.append(input({ chatId: otherChatId }))
      const a3 = await stores.messages.append(input({ senderId: 'bob' }))
      expect([a1, a2, a3].map((r) => r.message.seq)).toEqual([1, 2, 3])
      expect(b1.message.seq).toBe(1)
      expect((await stores.chats.getChat(chatId))?.lastSeq).toBe(3)
    })

    test('is idempotent on (chatId, clientMsgId): a retry returns the original seq', async () => {
      const first = input({ body: text('once') })
      const a = await stores.messages.append(first)
      await stores.messages.append(input())
      const retry = await stores.messages.append({ ...first, body: text('changed on retry'), sentAt: 1 })
      expect(a.duplicate).toBe(false)
      expect(retry.duplicate).toBe(true)
      expect(retry.message.seq).toBe(a.message.seq)
      expect(new TextDecoder().decode(retry.message.body)).toBe('once')
      const page = await stores.messages.history(chatId, { limit: 10 })
      expect(page.messages.map((m) => m.seq)).toEqual([1, 2])
      // the same client id in another chat is another message
      const elsewhere = await stores.messages.append({ ...first, chatId: otherChatId })
      expect(elsewhere.duplicate).toBe(false)
    })

    test('rejects unknown chats and non-members and stores nothing', async () => {
      await expect(stores.messages.append(input({ chatId: 'nope' }))).rejects.toMatchObject({
        code: ErrorCode.UNKNOWN_CHAT,
      })
      await expect(stores.messages.append(input({ senderId: 'mallory' }))).rejects.toMatchObject({
        code: ErrorCode.NOT_A_MEMBER,
      })
      expect((await stores.messages.history(chatId, { limit: 10 })).messages).toEqual([])
      expect((await stores.messages.append(input())).message.seq).toBe(1)
    })

    test('keeps every field of a message, including binary bodies', async () => {
      const body = Uint8Array.from([0, 255, 1, 254, 0])
      const sent = input({ body, contentType: 'application/x-e2ee', kind: 3, replyToSeq: 0, targetSeq: 0 })
      await stores.messages.append(sent)
      const [stored] = (await stores.messages.history(chatId, { limit: 1 })).messages
      expect(stored).toEqual({ ...sent, seq: 1 })
    })

    test('pages history by keyset cursor both ways', async () => {
      for (let i = 0; i < 25; i++) await stores.messages.append(input({ body: text(`m${i + 1}`) }))
      const latest = await stores.messages.history(chatId, { limit: 10 })
      expect(latest.messages.map((m) => m.seq)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25])
      expect(latest.hasMore).toBe(true)
      const older = await stores.messages.history(chatId, { before: 16, limit: 10 })
      expect(older.messages.map((m) => m.seq)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15])
      const oldest = await stores.messages.history(chatId, { before: 6, limit: 10 })
      expect(oldest.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5])
      expect(oldest.hasMore).toBe(false)
      const newer = await stores.messages.history(chatId, { after: 20, limit: 10 })
      expect(newer.messages.map((m) => m.seq)).toEqual([21, 22, 23, 24, 25])
      expect(newer.hasMore).toBe(false)
      const forward = await stores.messages.history(chatId, { after: 0, limit: 3 })
      expect(forward.messages.map((m) => m.seq)).toEqual([1, 2, 3])
      expect(forward.hasMore).toBe(true)
    })

    test('survives 200 concurrent appends to one chat with no gap or duplicate', async () => {
      const inputs = Array.from({ length: 200 }, (_, i) => input({ senderId: i % 2 ? 'alice' : 'bob' }))
      // every message also retried concurrently: retries must not create new seqs
      const results = await Promise.all([...inputs, ...inputs].map((m) => stores.messages.append(m)))
      const seqs = results.slice(0, 200).map((r) => r.message.seq)
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
      results.slice(200).forEach((r, i) => expect(r.message.seq).toBe(seqs[i]))
      const page = await stores.messages.history(chatId, { after: 0, limit: 500 })
      expect(page.messages).toHaveLength(200)
    })

    test('never reuses a seq after a restart', async () => {
      if (!options.reopen) return console.info(`[${options.name}] no reopen(): restart not exercised`)
      await stores.messages.append(input())
      await stores.messages.append(input())
      stores = await options.reopen(stores)
      const next = await stores.messages.append(input())
      expect(next.message.seq).toBe(3)
    })

    test('never reuses a seq after the sequence state is lost', async () => {
      if (!options.loseSequenceState) {
        return console.info(
          `[${options.name}] no separate sequence state: the seq is assigned in the log's own transaction`,
        )
      }
      for (let i = 0; i < 5; i++) await stores.messages.append(input())
      await options.loseSequenceState(stores)
      const next = await stores.messages.append(input())
      expect(next.message.seq).toBeGreaterThan(5)
      const page = await stores.messages.history(chatId, { after: 0, limit: 10 })
      expect(new Set(page.messages.map((m) => m.seq)).size).toBe(6)
    })
  })
}
