import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PresenceEvent } from '@tidings/sdk'
import { encodeClientEnvelope } from '@tidings/proto'
import { connectDevice, devToken, startPlatform, waitFor } from './helpers.ts'
import { rawConnect } from './protocol-client.ts'

const GRACE_MS = 400
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function watcher(device: Awaited<ReturnType<typeof connectDevice>>, userIds: string[]) {
  const presence: PresenceEvent[] = []
  device.onPresence((p) => presence.push(p))
  device.watchPresence(userIds)
  return Object.assign(device, { presence })
}

describe('presence (embedded platform)', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  beforeAll(async () => {
    platform = await startPlatform({ TIDINGS_PRESENCE_GRACE_MS: String(GRACE_MS) })
  })
  afterAll(async () => platform.cleanup())

  it('online at once, offline after the grace period with last seen, and nothing for a flap', async () => {
    const bob = await connectDevice(platform, 'bob', 'phone')
    await bob.api.createDirectChat('alice') // they share a chat: bob may see alice
    const watching = await watcher(bob, ['alice'])
    await waitFor(() => watching.presence.length === 1, 'the current state')
    expect(watching.presence[0]).toEqual({ userId: 'alice', online: false, lastSeenAt: 0 }) // never seen

    const alice = await connectDevice(platform, 'alice', 'phone')
    await waitFor(() => watching.presence.length === 2, 'alice online')
    expect(watching.presence[1]).toMatchObject({ userId: 'alice', online: true })

    // a second device and a quick reconnect of the first change nothing that others see
    const laptop = await connectDevice(platform, 'alice', 'laptop')
    await alice.close()
    const again = await connectDevice(platform, 'alice', 'phone')
    await laptop.close()
    await sleep(GRACE_MS * 3)
    expect(watching.presence).toHaveLength(2)

    const closedAt = Date.now()
    await again.close()
    await waitFor(() => watching.presence.length === 3, 'alice offline')
    const offline = watching.presence[2]!
    expect(offline).toMatchObject({ userId: 'alice', online: false })
    expect(Math.abs(offline.lastSeenAt - closedAt)).toBeLessThan(1_000)
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(GRACE_MS)
    await bob.close()
  })

  it('hides last seen for users who chose so, and answers only about users you share a chat with', async () => {
    const carol = await connectDevice(platform, 'carol', 'phone')
    await carol.api.createDirectChat('dave')
    expect(await carol.api.updateSettings({ hideLastSeen: true })).toEqual({ hideLastSeen: true })
    const dave = await watcher(await connectDevice(platform, 'dave', 'phone'), ['carol', 'stranger'])
    await waitFor(() => dave.presence.length === 1, 'carol online')
    expect(dave.presence[0]).toEqual({ userId: 'carol', online: true, lastSeenAt: 0 })
    await carol.close()
    await waitFor(() => dave.presence.length === 2, 'carol offline')
    expect(dave.presence[1]).toEqual({ userId: 'carol', online: false, lastSeenAt: 0 })

    // a stranger (no shared chat) is left out of the answer, and cannot be subscribed to
    const stranger = await connectDevice(platform, 'stranger', 'phone')
    await stranger.close()
    await sleep(GRACE_MS * 2)
    expect(dave.presence.map((p) => p.userId)).toEqual(['carol', 'carol'])

    const raw = await rawConnect(platform.mqttUrl, 'dave/raw', await devToken(platform.httpUrl, 'dave'))
    await expect(raw.mqtt.subscribeAsync('p/stranger', { qos: 0 })).rejects.toThrow(/Subscribe error/)
    const bad = encodeClientEnvelope({ presenceQuery: { userIds: [] } })
    await raw.mqtt.publishAsync('s/dave', Buffer.from(bad), { qos: 1 })
    await waitFor(() => raw.events.length === 1, 'an error')
    expect(raw.events[0]!.error.code).toBe('INVALID_REQUEST')
    await Promise.all([dave.close(), raw.close()])
  })

  it('watching is renewed after a reconnect', async () => {
    const erin = await connectDevice(platform, 'erin', 'phone')
    await erin.api.createDirectChat('frank')
    const watching = await watcher(erin, ['frank'])
    await waitFor(() => watching.presence.length === 1, 'the current state')
    // drop erin's connection under the SDK: it reconnects by itself
    ;(erin as unknown as { mqtt: { stream: { destroy(): void } } }).mqtt.stream.destroy()
    await waitFor(() => watching.presence.length === 2, 'the state again after the reconnect')
    const frank = await connectDevice(platform, 'frank', 'phone')
    await waitFor(() => watching.presence.some((p) => p.online), 'frank online')
    await Promise.all([erin.close(), frank.close()])
  })
})
