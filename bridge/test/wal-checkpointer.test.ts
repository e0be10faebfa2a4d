import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { newClientMsgId } from '@tidings/proto'
import { SqliteStore } from '../src/store/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'tidings-wal-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** `count` appends at once, the i-th to chats[i % chats.length], from that chat's sender. */
const appendAtOnce = (
  store: SqliteStore,
  chats: { id: string; sender: string }[],
  count: number,
  body: Uint8Array,
) =>
  Promise.all(
    Array.from({ length: count }, (_, i) => {
      const chat = chats[i % chats.length]!
      return store.append({
        chatId: chat.id,
        senderId: chat.sender,
        senderDevice: 'phone',
        clientMsgId: newClientMsgId(),
        sentAt: Date.now(),
        body,
        contentType: 'application/octet-stream',
        kind: 0,
        replyToSeq: 0,
        targetSeq: 0,
      })
    }),
  )

/** Voluntary context switches of this process so far, all threads (Linux). */
const wakeUps = () =>
  readdirSync('/proc/self/task').reduce((sum, task) => {
    const status = readFileSync(`/proc/self/task/${task}/status`, 'utf8')
    return sum + Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1] ?? 0)
  }, 0)

describe('SqliteStore checkpoints its WAL off the event loop', () => {
  it('keeps the WAL short while messages keep coming, and loses none of them', async () => {
    const path = join(dir, 'wal.sqlite')
    const store = new SqliteStore({ path, checkpointIntervalMs: 20 })
    const { chat } = await store.createDirect('ana', 'ben')
    const body = new Uint8Array(4096).fill(7)
    const rounds = 20
    const perRound = 250 // about 1 MB of WAL a round: 20 MB in all without checkpoints
    for (let round = 0; round < rounds; round++) {
      await appendAtOnce(store, [{ id: chat.id, sender: 'ana' }], perRound, body)
      await new Promise((resolve) => setTimeout(resolve, 60)) // a checkpoint or two in between
    }
    // The writer starts the WAL over once a checkpoint copied it all, so it stays near one round.
    expect(statSync(`${path}-wal`).size).toBeLessThan(6 * 2 ** 20)
    await store.close()

    const reopened = new SqliteStore({ path })
    const page = await reopened.history(chat.id, { limit: 1 })
    expect(page.messages[0]!.seq).toBe(rounds * perRound)
    await reopened.close()
  })

  // Writes that never pause: the checkpointer never copies the last frame, so only the appending
  // connection can start the WAL over. Its checkpointer is left idle here to show that alone.
  it.each([
    ['in the append thread', true],
    ['on the main thread', false],
  ])('bounds the WAL under writes that never pause, appending %s', async (_, appendThread) => {
    const path = join(dir, `busy-${appendThread}.sqlite`)
    const limitPages = 256 // 1 MiB
    const store = new SqliteStore({
      path,
      appendThread,
      checkpointIntervalMs: 3_600_000,
      walLimitPages: limitPages,
    })
    const chats = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.createDirect(`ana${i}`, `ben${i}`).then((c) => ({ id: c.chat.id, sender: `ana${i}` })),
      ),
    )
    const body = new Uint8Array(1024).fill(7)
    const rounds = 15
    const perRound = 200 // ten per chat: 20 MB of WAL in all without the limit
    let maxWal = 0
    for (let round = 0; round < rounds; round++) {
      await appendAtOnce(store, chats, perRound, body)
      maxWal = Math.max(maxWal, statSync(`${path}-wal`).size)
    }
    // The limit plus what one batch adds before the commit that restarts it.
    expect(maxWal).toBeLessThan(2 * limitPages * 4096)
    await store.close()

    const reopened = new SqliteStore({ path })
    for (const chat of chats) {
      const page = await reopened.history(chat.id, { limit: 1 })
      expect(page.messages[0]!.seq).toBe((rounds * perRound) / chats.length)
    }
    await reopened.close()
  })

  // The worker passes without a pause near the limit, but only while writes go on: a WAL that a
  // burst left just under the limit stays there until the next write (no restart without one).
  it('an idle store whose WAL a burst left near the limit does not keep the checkpointer busy', async () => {
    const path = join(dir, 'near-limit.sqlite')
    const limitPages = 1024
    const store = new SqliteStore({ path, walLimitPages: limitPages })
    const chats = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.createDirect(`ana${i}`, `ben${i}`).then((c) => ({ id: c.chat.id, sender: `ana${i}` })),
      ),
    )
    const reader = new Database(path)
    reader.exec('BEGIN')
    reader.prepare('SELECT count(*) FROM chats').get() // an open snapshot: the WAL cannot start over
    const probe = new Database(path)
    const walFrames = () => (probe.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log
    const body = new Uint8Array(200)
    while (walFrames() < 0.95 * limitPages) await appendAtOnce(store, chats, 1, body)
    reader.exec('COMMIT')
    expect(walFrames()).toBeLessThan(limitPages)
    await new Promise((resolve) => setTimeout(resolve, 500)) // the worker backs off
    const before = wakeUps()
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    // A checkpointer passing without a pause wakes ~900 times a second here; idle, a few.
    expect(wakeUps() - before).toBeLessThan(200)
    probe.close()
    reader.close()
    await store.close()
  })
})
