import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { newClientMsgId } from '@tidings/proto'
import { SqliteStore } from '../src/store/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'tidings-wal-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('SqliteStore checkpoints its WAL off the event loop', () => {
  it('keeps the WAL short while messages keep coming, and loses none of them', async () => {
    const path = join(dir, 'wal.sqlite')
    const store = new SqliteStore({ path, checkpointIntervalMs: 20 })
    const { chat } = await store.createDirect('ana', 'ben')
    const body = new Uint8Array(4096).fill(7)
    const rounds = 20
    const perRound = 250 // about 1 MB of WAL a round: 20 MB in all without checkpoints
    for (let round = 0; round < rounds; round++) {
      await Promise.all(
        Array.from({ length: perRound }, () =>
          store.append({
            chatId: chat.id,
            senderId: 'ana',
            senderDevice: 'phone',
            clientMsgId: newClientMsgId(),
            sentAt: Date.now(),
            body,
            contentType: 'application/octet-stream',
            kind: 0,
            replyToSeq: 0,
            targetSeq: 0,
          }),
        ),
      )
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
})
