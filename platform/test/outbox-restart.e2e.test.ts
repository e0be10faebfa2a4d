import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TidingsClient, type OutboxEvent } from '@tidings/sdk'
import { FileOutboxStorage } from '@tidings/sdk/node'
import { ChaosProxy } from './chaos-proxy.ts'
import { connectDevice, devToken, startPlatform, tempDir, waitFor } from './helpers.ts'

// The SDK's outbox across an app restart (a new TidingsClient on the same FileOutboxStorage).
describe('outbox: a send survives an app restart (FileOutboxStorage)', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  const dir = tempDir('tidings-outbox-restart-')
  beforeAll(async () => (platform = await startPlatform()))
  afterAll(async () => {
    await platform.cleanup()
    rmSync(dir, { recursive: true, force: true })
  })

  async function aliceOn(url: string, outboxPath: string) {
    return TidingsClient.connect({
      url,
      apiUrl: platform.httpUrl,
      token: await devToken(platform.httpUrl, 'alice'),
      userId: 'alice',
      deviceId: 'laptop',
      ackTimeoutMs: 500,
      outbox: new FileOutboxStorage(outboxPath),
    })
  }

  for (const lost of [
    'the network before the message left',
    'the ack after the message was stored',
  ] as const) {
    it(`delivers exactly once when the app restarts having lost ${lost}`, async () => {
      const proxy = await ChaosProxy.forUrl(platform.mqttUrl)
      const outboxPath = join(dir, `${lost.length}.json`)
      const bob = await connectDevice(platform, 'bob', 'phone')
      const first = await aliceOn(proxy.url, outboxPath)
      const dm = await first.api.createDirectChat('bob')
      const text = `survives a restart: ${lost}`

      if (lost.startsWith('the network')) proxy.pause('refuse')
      else proxy.deafen()
      const sending = first.send(dm.id, text)
      sending.catch(() => {}) // rejected by close() below: the app quits before the ack
      if (lost.startsWith('the ack'))
        await waitFor(() => bob.received.some((m) => m.text === text), 'the server to store it')
      else await new Promise((r) => setTimeout(r, 300))
      expect(first.pending().map((e) => new TextDecoder().decode(e.body))).toEqual([text])
      await first.close()
      await expect(sending).rejects.toThrow('client closed')
      proxy.pause('refuse')

      // the app starts again, with the network back
      proxy.heal()
      const events: OutboxEvent[] = []
      const second = await aliceOn(proxy.url, outboxPath)
      second.onOutbox((e) => events.push(e))
      await waitFor(() => events.some((e) => e.type === 'stored'), 'the restarted client to get the ack')
      const stored = events.find((e) => e.type === 'stored')!
      expect(stored.type === 'stored' && stored.result.duplicate).toBe(lost.startsWith('the ack'))
      expect(second.pending()).toEqual([])
      // The file follows shortly: removals are written in batches (a crash before then only
      // means one more resend, which the server dedupes).
      let onDisk = await new FileOutboxStorage(outboxPath).load()
      for (let i = 0; i < 40 && onDisk.length > 0; i++) {
        await new Promise((r) => setTimeout(r, 50))
        onDisk = await new FileOutboxStorage(outboxPath).load()
      }
      expect(onDisk).toEqual([])

      await new Promise((r) => setTimeout(r, 300)) // a second copy would arrive by now
      expect(bob.received.filter((m) => m.text === text)).toHaveLength(1)
      const log = (await bob.history(dm.id, { after: 0 })).messages
      expect(log.filter((m) => m.text === text).map((m) => m.seq)).toEqual([
        stored.type === 'stored' ? stored.result.seq : -1,
      ])
      await Promise.all([second.close(), bob.close(), proxy.close()])
    })
  }
})
