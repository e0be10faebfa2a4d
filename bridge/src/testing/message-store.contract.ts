import { afterEach, beforeEach, describe, expect } from 'vitest'
import { ErrorCode } from '@tidings/proto'
import type { AppendInput, AppendResult, StoredMessage } from '../store/message-store.ts'
import { appendInput } from './append-input.ts'
import { contractTest, type StoreContractOptions, type StoresUnderTest } from './stores.ts'

const text = (s: string) => new TextEncoder().encode(s)

export function messageStoreContract(options: StoreContractOptions): void {
  const test = contractTest(options)

  describe(`MessageStore contract: ${options.name}`, () => {
    let stores: StoresUnderTest
    let chatId: string
    let otherChatId: string

    const input = (over: Partial<AppendInput> = {}): AppendInput => appendInput(chatId, 'alice', over)

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
      await stores.messages.append(input())
      const body = Uint8Array.from([0, 255, 1, 254, 0])
      const sent = input({ body, contentType: 'application/x-e2ee', replyToSeq: 1, senderId: 'bob' })
      await stores.messages.append(sent)
      const [stored] = (await stores.messages.history(chatId, { limit: 1 })).messages
      expect(stored).toEqual({ ...sent, seq: 2 })
    })

    // ---- edits, deletes, reactions and replies (message-changes.ts)

    const EDIT = 1
    const DELETE = 2
    const REACTION = 3
    const decode = (m: StoredMessage | undefined) => new TextDecoder().decode(m?.body)
    const all = async () => (await stores.messages.history(chatId, { after: 0, limit: 200 })).messages
    const at = async (seq: number) => (await all()).find((m) => m.seq === seq)
    const change = (kind: number, targetSeq: number, body = '', over: Partial<AppendInput> = {}) =>
      stores.messages.append(input({ kind, targetSeq, body: text(body), ...over }))

    test('an edit is an event in the log, and its target shows the new body and when it was edited', async () => {
      await change(0, 0, 'helo')
      const edit = await change(EDIT, 1, 'hello', { sentAt: 1_700_000_000_123, contentType: 'text/markdown' })
      await change(EDIT, 1, 'hello!', { sentAt: 1_700_000_000_456 })
      expect(edit.message).toMatchObject({ seq: 2, kind: EDIT, targetSeq: 1 })
      const log = await all()
      expect(log.map((m) => [m.seq, m.kind, decode(m)])).toEqual([
        [1, 0, 'hello!'],
        [2, EDIT, 'hello'],
        [3, EDIT, 'hello!'],
      ])
      expect(log[0]).toMatchObject({ editedAt: 1_700_000_000_456, editSeq: 3, contentType: '' })
      expect(log[1]!.editedAt).toBeUndefined()
    })

    test('edits a message to a large body (the edit and its target update may not fit one batch)', async () => {
      const big = (c: string) => c.repeat(40_000)
      await change(0, 0, big('a'))
      // with a message of another chat in the same group commit
      await Promise.all([stores.messages.append(input({ chatId: otherChatId })), change(EDIT, 1, big('b'))])
      const [target, edit] = await all()
      expect(decode(target)).toBe(big('b'))
      expect(decode(edit)).toBe(big('b'))
      expect(target).toMatchObject({ editSeq: 2 })
    })

    test('a delete leaves a tombstone: the content is gone, with every edit of it and its reactions', async () => {
      await change(0, 0, 'secret v1')
      await change(EDIT, 1, 'secret v2')
      await change(REACTION, 1, '👍', { senderId: 'bob' })
      const del = await change(DELETE, 1)
      expect(del.message).toMatchObject({ seq: 4, kind: DELETE, targetSeq: 1 })
      const log = await all()
      expect(log.map((m) => m.seq)).toEqual([1, 2, 3, 4])
      expect(log[0]).toMatchObject({ deleted: true, body: new Uint8Array() })
      expect(log[0]!.reactions).toBeUndefined()
      expect(log[0]!.editedAt).toBeUndefined()
      for (const m of log) expect(decode(m)).not.toContain('secret')
      expect(decode(log[2])).toBe('👍') // the reaction event itself is not the deleted content
    })

    test('reactions: one per member and message, a new one replaces it, an empty one removes it', async () => {
      await change(0, 0, 'lunch?')
      await change(REACTION, 1, '👍', { senderId: 'bob' })
      await change(REACTION, 1, '❤️', { senderId: 'alice' })
      expect((await at(1))?.reactions).toEqual({ bob: '👍', alice: '❤️' })
      await change(REACTION, 1, '😂', { senderId: 'bob' })
      expect((await at(1))?.reactions).toEqual({ bob: '😂', alice: '❤️' })
      await change(REACTION, 1, '', { senderId: 'alice' })
      expect((await at(1))?.reactions).toEqual({ bob: '😂' })
      await change(REACTION, 1, '', { senderId: 'bob' })
      expect((await at(1))?.reactions).toBeUndefined()
      expect((await all()).map((m) => m.kind)).toEqual([0, REACTION, REACTION, REACTION, REACTION, REACTION])
    })

    test('a reply names an existing message of its chat', async () => {
      await change(0, 0, 'question')
      const reply = await stores.messages.append(input({ senderId: 'bob', replyToSeq: 1 }))
      expect(reply.message).toMatchObject({ seq: 2, replyToSeq: 1 })
      expect((await at(2))?.replyToSeq).toBe(1)
      await expect(stores.messages.append(input({ replyToSeq: 3 }))).rejects.toMatchObject({
        code: ErrorCode.UNKNOWN_MESSAGE,
      })
      // seq 1 of the other chat does not count here
      await stores.messages.append(input({ chatId: otherChatId }))
      await expect(stores.messages.append(input({ replyToSeq: 5 }))).rejects.toMatchObject({
        code: ErrorCode.UNKNOWN_MESSAGE,
      })
      // a deleted message can still be replied to (the reply shows it as deleted)
      await change(DELETE, 1)
      expect((await stores.messages.append(input({ replyToSeq: 1 }))).message.seq).toBe(4)
    })

    test('refuses edits and deletes by anyone but the sender, and stores nothing', async () => {
      await change(0, 0, 'mine')
      await expect(change(EDIT, 1, 'yours now', { senderId: 'bob' })).rejects.toMatchObject({
        code: ErrorCode.FORBIDDEN,
      })
      await expect(change(DELETE, 1, '', { senderId: 'bob' })).rejects.toMatchObject({
        code: ErrorCode.FORBIDDEN,
      })
      const log = await all()
      expect(log).toHaveLength(1)
      expect(log[0]).toMatchObject({ seq: 1 })
      expect(log[0]!.editedAt).toBeUndefined()
      expect(log[0]!.deleted).toBeUndefined()
      expect(decode(log[0])).toBe('mine')
      expect((await change(0, 0, 'next')).message.seq).toBe(2) // no seq was used up
    })

    test('refuses changes to a missing message, to an event, and to a deleted message', async () => {
      await change(0, 0, 'hi')
      await change(REACTION, 1, '👋', { senderId: 'bob' })
      const refused = async (p: Promise<unknown>, code: string) => expect(p).rejects.toMatchObject({ code })
      await refused(change(EDIT, 9, 'x'), ErrorCode.UNKNOWN_MESSAGE)
      await refused(change(REACTION, 9, '👍'), ErrorCode.UNKNOWN_MESSAGE)
      await refused(change(REACTION, 2, '👍'), ErrorCode.INVALID_REQUEST) // seq 2 is a reaction event
      await refused(change(EDIT, 2, 'x', { senderId: 'bob' }), ErrorCode.INVALID_REQUEST)
      await change(DELETE, 1)
      await refused(change(EDIT, 1, 'back from the dead'), ErrorCode.CONFLICT)
      await refused(change(REACTION, 1, '👍', { senderId: 'bob' }), ErrorCode.CONFLICT)
      await refused(change(DELETE, 1), ErrorCode.CONFLICT)
      const log = await all()
      expect(log.map((m) => m.seq)).toEqual([1, 2, 3])
      expect(log[0]).toMatchObject({ deleted: true })
      expect(log[0]!.reactions).toBeUndefined()
      for (const m of log) expect(decode(m)).not.toContain('back from the dead')
    })

    test('a retried edit, delete or reaction is a duplicate, not a second change', async () => {
      await change(0, 0, 'v1')
      const edit = input({ kind: EDIT, targetSeq: 1, body: text('v2') })
      const react = input({ kind: REACTION, targetSeq: 1, body: text('👍'), senderId: 'bob' })
      await stores.messages.append(edit)
      await stores.messages.append(react)
      const retries = [edit, react].map((m) => stores.messages.append(m, { mayBeDuplicate: true }))
      expect((await Promise.all(retries)).map((r) => [r.duplicate, r.message.seq])).toEqual([
        [true, 2],
        [true, 3],
      ])
      expect((await all()).map((m) => m.seq)).toEqual([1, 2, 3])
      expect(await at(1)).toMatchObject({ editSeq: 2, reactions: { bob: '👍' } })
    })

    test('changes racing each other apply in log order: nothing edits or reacts to a message after its delete', async () => {
      // Per target: alice's edit, delete and edit again, and bob's reaction, each a macrotask apart,
      // so they land in one group commit or in consecutive ones whose writes overlap.
      const targets = 12
      for (let i = 0; i < targets; i++) await change(0, 0, `draft ${i}`)
      const tick = () => new Promise((resolve) => setImmediate(resolve))
      const results: Promise<unknown>[] = []
      for (let t = 1; t <= targets; t++) {
        results.push(change(EDIT, t, `edited ${t}`))
        await tick()
        results.push(change(DELETE, t))
        await tick()
        results.push(
          change(EDIT, t, `zombie ${t}`).then(
            () => 'stored',
            (e: { code: string }) => e.code,
          ),
        )
        results.push(
          change(REACTION, t, '🧟', { senderId: 'bob' }).then(
            () => 'stored',
            (e: { code: string }) => e.code,
          ),
        )
      }
      const settled = await Promise.all(results)
      const late = settled.filter((_, i) => i % 4 >= 2)
      expect(late).toEqual(Array(2 * targets).fill(ErrorCode.CONFLICT))
      const log = await all()
      expect(log).toHaveLength(targets * 3)
      for (let t = 1; t <= targets; t++)
        expect(log[t - 1]).toMatchObject({ deleted: true, body: new Uint8Array() })
      for (const m of log) expect(decode(m)).not.toMatch(/draft|edited|zombie|🧟/)
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

    test("a chat's appends get seqs, and complete, in the order they were made while earlier ones are in flight", async () => {
      const made: Promise<AppendResult>[] = []
      const completed: AppendResult[] = []
      for (let i = 0; i < 120; i++) {
        const append = stores.messages.append(input({ chatId: i % 3 ? chatId : otherChatId }))
        void append.then((r) => completed.push(r))
        made.push(append)
        // A few per loop turn: later appends start while earlier batches are still being stored.
        if (i % 7 === 6) await new Promise((resolve) => setImmediate(resolve))
      }
      const results = await Promise.all(made)
      for (const chat of [chatId, otherChatId]) {
        const seqs = results.filter((r) => r.message.chatId === chat).map((r) => r.message.seq)
        expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1))
        expect(completed.filter((r) => r.message.chatId === chat).map((r) => r.message.seq)).toEqual(seqs)
      }
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

    test('a resend the sequence state forgot (past its dedupe window) returns the stored copy', async () => {
      if (!options.loseSequenceState) {
        return console.info(`[${options.name}] no separate sequence state: nothing to forget`)
      }
      const first = input({ body: text('once') })
      const a = await stores.messages.append(first)
      await options.loseSequenceState(stores)
      const resend = await stores.messages.append(first, { mayBeDuplicate: true })
      expect(resend.duplicate).toBe(true)
      expect(resend.message.seq).toBe(a.message.seq)
      const page = await stores.messages.history(chatId, { after: 0, limit: 10 })
      expect(page.messages).toHaveLength(1)
    })
  })
}
