import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { connectDevice, range, spawnPlatform, tempDir, waitFor } from './helpers.ts'

describe('kill -9 of the embedded platform', () => {
  const dataDir = tempDir('tidings-crash-')
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('loses no acknowledged message, and new messages continue the seq after a restart', async () => {
    const first = await spawnPlatform(dataDir)
    const alice = await connectDevice(first, 'alice', 'phone')
    const bob = await connectDevice(first, 'bob', 'phone')
    const dm = await alice.api.createDirectChat('bob')
    const group = await alice.api.createGroup('crew', ['bob'])
    // a stream of sends still in flight when the process is killed
    const acked: Array<{ chatId: string; seq: number; text: string }> = []
    const sending = range(400).map((i) => {
      const chatId = i % 2 ? dm.id : group.id
      return alice.send(chatId, `m${i}`, {}).then(
        (r) => acked.push({ chatId, seq: r.seq, text: `m${i}` }),
        () => {},
      )
    })
    await waitFor(() => acked.length >= 100, 'a hundred acks')
    first.child.kill('SIGKILL')
    await new Promise((r) => first.child.once('exit', r))
    const ackedAtKill = [...acked]
    await Promise.race([Promise.all(sending), new Promise((r) => setTimeout(r, 500))])
    await Promise.all([alice.close(), bob.close()])

    const second = await spawnPlatform(dataDir)
    try {
      const reader = await connectDevice(second, 'bob', 'tablet')
      for (const chatId of [dm.id, group.id]) {
        const log = (await reader.history(chatId, { after: 0, limit: 200 })).messages
        // gap-free from 1, every acknowledged message present with its seq and body
        expect(log.map((m) => m.seq)).toEqual(range(log.length))
        for (const a of ackedAtKill.filter((x) => x.chatId === chatId)) {
          expect(log[a.seq - 1]?.text).toBe(a.text)
        }
      }
      const before = (await reader.api.chats()).find((c) => c.id === dm.id)!.lastSeq
      const next = await reader.send(dm.id, 'after the crash')
      expect(next.seq).toBe(before + 1)
      await reader.close()
    } finally {
      second.child.kill('SIGTERM')
      await new Promise((r) => second.child.once('exit', r))
    }
  })

  it('shuts down cleanly on SIGTERM', async () => {
    const running = await spawnPlatform(tempDir('tidings-term-'))
    running.child.kill('SIGTERM')
    const code = await new Promise((r) => running.child.once('exit', r))
    expect(code).toBe(0)
  })
})
