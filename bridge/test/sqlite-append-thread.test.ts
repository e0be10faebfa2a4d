import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ErrorCode, TidingsError } from '@tidings/proto'
import { SqliteStore } from '../src/store/index.ts'
import type { AppendInput } from '../src/store/message-store.ts'
import { SqliteAppendThread } from '../src/store/sqlite-append-thread.ts'
import { appendInput } from '../src/testing/append-input.ts'
import {
  decodeBatch,
  encodeBatch,
  encodedBatchBound,
  errorFromWire,
  errorToWire,
} from '../src/store/sqlite-append-wire.ts'

const dir = mkdtempSync(join(tmpdir(), 'tidings-append-thread-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
const freshPath = () => join(dir, `db-${++n}.sqlite`)

const input = (chatId: string, over: Partial<AppendInput> = {}): AppendInput =>
  appendInput(chatId, 'ana', over)

const seqsOf = async (store: SqliteStore, chatId: string) =>
  (await store.history(chatId, { limit: 10_000 })).messages.map((m) => m.seq)
const oneTo = (count: number) => Array.from({ length: count }, (_, i) => i + 1)

describe('SqliteStore appends in a worker thread', () => {
  it('rejects with the same TidingsError as the main thread, whatever the thread threw', async () => {
    const store = new SqliteStore({ path: freshPath() })
    const { chat } = await store.createDirect('ana', 'ben')
    const refused = await Promise.allSettled([
      store.append(input('no-such-chat')),
      store.append(input(chat.id, { senderId: 'mallory' })),
      store.append(input(chat.id, { kind: 1, targetSeq: 9 })), // an edit of a message that does not exist
      store.append(input(chat.id)),
    ])
    const errors = refused.map((r) => (r.status === 'rejected' ? (r.reason as unknown) : undefined))
    for (const error of errors.slice(0, 3)) expect(error).toBeInstanceOf(TidingsError)
    expect(errors.map((e) => (e as TidingsError | undefined)?.code)).toEqual([
      ErrorCode.UNKNOWN_CHAT,
      ErrorCode.NOT_A_MEMBER,
      ErrorCode.UNKNOWN_MESSAGE,
      undefined,
    ])
    expect((errors[1] as Error).message).toBe(`mallory is not a member of ${chat.id}`)
    expect(await seqsOf(store, chat.id)).toEqual([1])
    await store.close()
  })

  it('a failed transaction rejects every append of its batch with the SQLite error, and stores none', async () => {
    const path = freshPath()
    const store = new SqliteStore({ path })
    const { chat } = await store.createDirect('ana', 'ben')
    await store.append(input(chat.id))
    const saboteur = new Database(path)
    saboteur.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'disk says no'); END",
    )
    const failed = await Promise.allSettled([store.append(input(chat.id)), store.append(input(chat.id))])
    for (const result of failed) {
      expect(result.status).toBe('rejected')
      const reason = (result as PromiseRejectedResult).reason as Error & { code?: string }
      expect(reason).not.toBeInstanceOf(TidingsError)
      expect(reason.message).toBe('disk says no')
      expect(reason.code).toBe('SQLITE_CONSTRAINT_TRIGGER')
    }
    saboteur.exec('DROP TRIGGER refuse')
    saboteur.close()
    expect((await store.append(input(chat.id))).message.seq).toBe(2)
    await store.close()
  })

  it('maps error codes across the thread: Tidings codes become TidingsError, others keep their code', () => {
    const back = errorFromWire(errorToWire(new TidingsError(ErrorCode.FORBIDDEN, 'no')))
    expect(back).toBeInstanceOf(TidingsError)
    expect(back).toMatchObject({ code: ErrorCode.FORBIDDEN, message: 'no' })
    const sqlite = errorFromWire(errorToWire(Object.assign(new Error('full'), { code: 'SQLITE_FULL' })))
    expect(sqlite).not.toBeInstanceOf(TidingsError)
    expect(sqlite).toMatchObject({ code: 'SQLITE_FULL', message: 'full' })
    expect(errorFromWire(errorToWire('odd'))).toMatchObject({ message: 'odd' })
  })

  it('sends only the bytes of each message, not the socket chunk they are views into', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0xee) // one read from a socket holds many messages
    const id = chunk.subarray(100, 116).fill(1)
    const body = chunk.subarray(200, 205).fill(2)
    const other = input('c2', { body: chunk.subarray(300, 303).fill(3) })
    const items = [input('c1', { clientMsgId: id, body }), other]
    const bound = encodedBatchBound(items)
    expect(bound).toBeLessThan(1024)
    const into = Buffer.alloc(bound)
    encodeBatch(items, into)
    const [first, second] = decodeBatch(into)
    expect(first).toMatchObject({ ...items[0], clientMsgId: expect.anything(), body: expect.anything() })
    expect(second).toMatchObject({ ...other, clientMsgId: expect.anything(), body: expect.anything() })
    expect([...first!.clientMsgId]).toEqual([...id])
    expect([...first!.body]).toEqual([2, 2, 2, 2, 2])
    expect([...second!.body]).toEqual([3, 3, 3])
    expect([...second!.clientMsgId]).toEqual([...other.clientMsgId])

    // Through the store: the stored body is the view's bytes, and the sender's buffer stays usable.
    const store = new SqliteStore({ path: freshPath() })
    const { chat } = await store.createDirect('ana', 'ben')
    const result = await store.append(input(chat.id, { clientMsgId: id, body }))
    expect(chunk.byteLength).toBe(64 * 1024) // not transferred away
    const [stored] = (await store.history(chat.id, { limit: 1 })).messages
    expect([...stored!.body]).toEqual([2, 2, 2, 2, 2])
    expect([...stored!.clientMsgId]).toEqual([...id])
    expect(result.message.body).toBe(body)
    // A retry is answered with the stored copy: bytes of its own, not a 64 KB buffer.
    const retry = await store.append(input(chat.id, { clientMsgId: id, body }))
    expect(retry.duplicate).toBe(true)
    expect(retry.message.body.buffer.byteLength).toBe(5)
    await store.close()
  })

  it('a batch too large for a shared slot reaches the thread too, in its order', async () => {
    const store = new SqliteStore({ path: freshPath() })
    const { chat } = await store.createDirect('ana', 'ben')
    const big = (fill: number) => input(chat.id, { body: new Uint8Array(64 * 1024).fill(fill) })
    // 40 × 64 KiB in one turn: more than a 1 MiB slot holds, between small batches before and after.
    await store.append(input(chat.id))
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => store.append(big(i))))
    await store.append(input(chat.id))
    expect(results.map((r) => r.message.seq)).toEqual(oneTo(41).slice(1))
    const stored = (await store.history(chat.id, { limit: 100 })).messages
    expect(stored.map((m) => m.seq)).toEqual(oneTo(42))
    expect(stored.slice(1, 41).map((m) => [m.body.length, m.body[0], m.body[65535]])).toEqual(
      Array.from({ length: 40 }, (_, i) => [65536, i, i]),
    )
    await store.close()
  })

  it('an append that cannot be handed to the thread fails alone; the next ones get their own answers', async () => {
    const store = new SqliteStore({ path: freshPath() })
    const { chat } = await store.createDirect('ana', 'ben')
    await store.append(input(chat.id)) // the thread is up
    const broken = store.append(input(chat.id, { sentAt: 1n as unknown as number })) // fails mid-encoding
    await expect(broken).rejects.toThrow(TypeError)
    const after = await Promise.all([store.append(input(chat.id)), store.append(input(chat.id))])
    expect(after.map((r) => r.message.seq)).toEqual([2, 3])
    await store.close()
  })

  it.each([
    ['in the append thread', true],
    ['on the main thread', false],
  ])(
    'close() commits and settles the appends in flight, then refuses new ones (%s)',
    async (_, appendThread) => {
      const path = freshPath()
      const store = new SqliteStore({ path, maxBatch: 64, appendThread })
      const { chat } = await store.createDirect('ana', 'ben')
      let settled = 0
      const appends = Array.from({ length: 1000 }, () =>
        store.append(input(chat.id)).finally(() => settled++),
      )
      await store.close()
      expect(settled).toBe(1000)
      const results = await Promise.all(appends) // none rejected
      expect(results.map((r) => r.message.seq)).toEqual(oneTo(1000))
      await expect(store.append(input(chat.id))).rejects.toMatchObject({ code: ErrorCode.UNAVAILABLE })

      const reopened = new SqliteStore({ path })
      expect(await seqsOf(reopened, chat.id)).toEqual(oneTo(1000))
      await reopened.close()
    },
  )

  it('the thread settles everything submitted before its close() resolves, and ends', async () => {
    const path = freshPath()
    const store = new SqliteStore({ path, appendThread: false })
    const { chat } = await store.createDirect('ana', 'ben')
    const thread = new SqliteAppendThread({ path, synchronous: 'NORMAL', manualCheckpoints: false }, 64)
    await thread.submit(input(chat.id)) // the thread is up
    let settled = 0
    // Not a full batch: still waiting here for the end of this event-loop turn
    const appends = Array.from({ length: 50 }, () => thread.submit(input(chat.id)).finally(() => settled++))
    await thread.close()
    expect(settled).toBe(50)
    expect(thread.thread).toBeUndefined()
    expect((await Promise.all(appends)).map((r) => r.message.seq)).toEqual(oneTo(51).slice(1))
    await store.close()
  })

  it('chat, member and watermark writes on the main thread never fail with SQLITE_BUSY while appends run', async () => {
    const store = new SqliteStore({ path: freshPath(), maxBatch: 32 })
    const chats = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => (await store.createDirect('ana', `b${i}`)).chat.id),
    )
    await store.append(input(chats[0]!)) // the thread is up
    let appending = true
    const appended: number[] = []
    const appender = (async () => {
      while (appending) {
        const batch = chats.flatMap((chatId) => Array.from({ length: 8 }, () => store.append(input(chatId))))
        appended.push((await Promise.all(batch)).length)
      }
    })()
    // Each of these reads, then writes, in one transaction, while the append thread commits.
    for (let i = 0; i < 300 || appended.length < 30; i++) {
      await new Promise((resolve) => setImmediate(resolve)) // appends go out to the thread meanwhile
      const { chat } = await store.createDirect(`u${i}`, `v${i}`)
      await store.createGroup({ title: `g${i}`, createdBy: `u${i}`, memberIds: ['ana'] })
      await store.addMember(chat.id, `w${i}`)
      await store.raiseWatermark(chats[i % chats.length]!, 'ana', 'read', i)
    }
    appending = false
    await appender
    expect(appended.length).toBeGreaterThanOrEqual(30)
    for (const chatId of chats) {
      const seqs = await seqsOf(store, chatId)
      expect(seqs).toEqual(oneTo(seqs.length))
    }
    await store.close()
    // Correctness, not speed. Before the WriteLock both connections slept in SQLite's busy
    // handler when they met, and this run took 2–10 s; with it, about 0.6 s.
  }, 60_000)

  it('a removed member can no longer append: the thread reads membership, in the same transaction', async () => {
    const store = new SqliteStore({ path: freshPath() })
    const group = await store.createGroup({ title: 'g', createdBy: 'ana', memberIds: ['ben'] })
    await store.append(input(group.id, { senderId: 'ben' }))
    await store.removeMember(group.id, 'ben')
    await expect(store.append(input(group.id, { senderId: 'ben' }))).rejects.toMatchObject({
      code: ErrorCode.NOT_A_MEMBER,
    })
    await store.addMember(group.id, 'ben')
    expect((await store.append(input(group.id, { senderId: 'ben' }))).message.seq).toBe(2)
    await store.close()
  })

  it('if the thread dies, its appends fail with UNAVAILABLE and the next append starts a new one', async () => {
    const path = freshPath()
    const store = new SqliteStore({ path, appendThread: false }) // chats; appends go to `thread` below
    const { chat } = await store.createDirect('ana', 'ben')
    const thread = new SqliteAppendThread({ path, synchronous: 'NORMAL', manualCheckpoints: false }, 16)
    await thread.submit(input(chat.id)) // the thread is up
    const lost = Array.from({ length: 100 }, () => thread.submit(input(chat.id)))
    await new Promise((resolve) => setImmediate(resolve)) // sent to the thread
    await thread.thread!.terminate()
    const settled = await Promise.allSettled(lost)
    const rejected = settled.filter((r) => r.status === 'rejected')
    expect(rejected.length).toBeGreaterThan(0)
    for (const r of rejected) {
      expect(r.reason).toBeInstanceOf(TidingsError)
      expect(r.reason).toMatchObject({ code: ErrorCode.UNAVAILABLE })
      expect((r.reason as Error).message).toMatch(/append thread stopped/)
    }
    // A retry of a lost message: stored once, after whatever the dead thread committed.
    const retried = input(chat.id)
    const first = await thread.submit(retried)
    expect((await thread.submit(retried)).duplicate).toBe(true)
    const seqs = await seqsOf(store, chat.id)
    expect(seqs).toEqual(oneTo(seqs.length))
    expect(first.message.seq).toBe(seqs.length)
    await thread.close()
    await store.close()
  })
})
