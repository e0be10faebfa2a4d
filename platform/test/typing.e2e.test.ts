import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TypingEvent } from '@tidings/sdk'
import { encodeClientEnvelope, typingTopic } from '@tidings/proto'
import { connectDevice, devToken, startPlatform, waitFor } from './helpers.ts'
import { rawConnect } from './protocol-client.ts'

const TYPING_TTL_MS = 800

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function withTyping(device: Awaited<ReturnType<typeof connectDevice>>) {
  const typing: TypingEvent[] = []
  device.onTyping((t) => typing.push(t))
  return Object.assign(device, { typing })
}

describe('typing (embedded platform)', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  beforeAll(async () => {
    platform = await startPlatform({ TIDINGS_TYPING_TTL_MS: String(TYPING_TTL_MS) })
  })
  afterAll(async () => platform.cleanup())

  it('reaches only devices viewing the chat, never the typist, and expires by itself', async () => {
    const alice = await withTyping(await connectDevice(platform, 'alice', 'phone'))
    const aliceLaptop = await withTyping(await connectDevice(platform, 'alice', 'laptop'))
    const bobPhone = await withTyping(await connectDevice(platform, 'bob', 'phone'))
    const bobTablet = await withTyping(await connectDevice(platform, 'bob', 'tablet', 'ws'))
    const dm = await alice.api.createDirectChat('bob')
    const other = await alice.api.createGroup('other', ['bob'])
    bobPhone.viewChat(dm.id)
    aliceLaptop.viewChat(dm.id)
    bobTablet.viewChat(other.id) // on screen: another chat
    await sleep(100) // SUBSCRIBEs are fire-and-forget

    const started = Date.now()
    alice.setTyping(dm.id, true)
    await waitFor(() => bobPhone.typing.length === 1, 'bob phone to see alice typing')
    expect(bobPhone.typing).toEqual([{ chatId: dm.id, userId: 'alice', typing: true }])
    // no "stopped" ever comes: the indicator ends after the TTL
    await waitFor(() => bobPhone.typing.length === 2, 'typing to expire', 3_000)
    expect(bobPhone.typing[1]).toEqual({ chatId: dm.id, userId: 'alice', typing: false })
    expect(Date.now() - started).toBeGreaterThanOrEqual(TYPING_TTL_MS - 50)

    await sleep(2_300 - (Date.now() - started)) // "still typing" goes out at most every 2 s
    alice.setTyping(dm.id, true)
    await waitFor(() => bobPhone.typing.length === 3, 'typing again')
    alice.setTyping(dm.id, false)
    await waitFor(() => bobPhone.typing.length === 4, 'stopped')
    expect(bobPhone.typing.slice(2).map((t) => t.typing)).toEqual([true, false])
    await sleep(TYPING_TTL_MS + 200) // a stop clears the expiry: nothing more
    expect(bobPhone.typing).toHaveLength(4)
    expect(bobTablet.typing).toEqual([])
    expect(aliceLaptop.typing).toEqual([]) // her own typing is not shown to her
    expect(alice.typing).toEqual([])

    // the tablet opens the chat: from now on it sees typing there too
    const leave = bobTablet.viewChat(dm.id)
    await sleep(100)
    alice.setTyping(dm.id, true)
    await waitFor(() => bobTablet.typing.length === 1, 'tablet to see typing')
    leave()
    alice.setTyping(dm.id, false)
    await sleep(300)
    expect(bobTablet.typing.map((t) => t.typing)).toEqual([true]) // left before "stopped"
    await Promise.all([alice, aliceLaptop, bobPhone, bobTablet].map((d) => d.close()))
  })

  it('a removed member stops seeing typing at once; outsiders cannot subscribe or type', async () => {
    const alice = await withTyping(await connectDevice(platform, 'alice', 'phone'))
    const bob = await withTyping(await connectDevice(platform, 'bob', 'phone'))
    const group = await alice.api.createGroup('g', ['bob'])
    bob.viewChat(group.id)
    await sleep(100)
    alice.setTyping(group.id, true)
    await waitFor(() => bob.typing.length === 1, 'bob to see typing')
    await alice.api.removeMember(group.id, 'bob')
    alice.setTyping(group.id, false)
    alice.setTyping(group.id, true)
    await sleep(300)
    expect(bob.typing.filter((t) => t.typing)).toHaveLength(1)

    const mallory = await rawConnect(
      platform.mqttUrl,
      'mallory/x',
      await devToken(platform.httpUrl, 'mallory'),
    )
    // SUBACK 0x80 (mqtt.js rejects on it); the connection stays open
    await expect(mallory.mqtt.subscribeAsync(typingTopic(group.id), { qos: 0 })).rejects.toThrow(
      /Subscribe error/,
    )
    await mallory.mqtt.publishAsync(
      's/mallory',
      Buffer.from(encodeClientEnvelope({ typing: { chatId: group.id, typing: true } })),
      { qos: 1 },
    )
    await mallory.mqtt.publishAsync(
      's/mallory',
      Buffer.from(encodeClientEnvelope({ typing: { chatId: 'no-such-chat', typing: true } })),
      { qos: 1 },
    )
    await waitFor(() => mallory.events.length === 2, 'two errors')
    expect(mallory.events.map((e) => e.error?.code)).toEqual(['NOT_A_MEMBER', 'UNKNOWN_CHAT'])
    await Promise.all([alice.close(), bob.close(), mallory.close()])
  })

  it('a flood of typing updates is rate-limited with an error; viewers see a bounded number', async () => {
    const alice = await rawConnect(platform.mqttUrl, 'alice/flood', await devToken(platform.httpUrl, 'alice'))
    const bob = await withTyping(await connectDevice(platform, 'bob', 'viewer'))
    const dm = await bob.api.createDirectChat('alice')
    bob.viewChat(dm.id)
    await sleep(100)
    for (let i = 0; i < 100; i++) {
      const payload = encodeClientEnvelope({ typing: { chatId: dm.id, typing: i % 2 === 0 } })
      alice.mqtt.publish('s/alice', Buffer.from(payload), { qos: 0 })
    }
    await waitFor(() => alice.events.some((e) => e.error?.code === 'RATE_LIMITED'), 'RATE_LIMITED')
    await sleep(300)
    // a burst of 10, plus what refills while the 100 arrive
    expect(bob.typing.length).toBeGreaterThanOrEqual(10)
    expect(bob.typing.length).toBeLessThan(20)
    // and the flooder's other requests still work
    await alice.mqtt.publishAsync('s/alice', Buffer.from(encodeClientEnvelope({ sync: { cursors: [] } })), {
      qos: 1,
    })
    await waitFor(() => alice.events.some((e) => e.sync), 'sync answer')
    await Promise.all([alice.close(), bob.close()])
  })
})
