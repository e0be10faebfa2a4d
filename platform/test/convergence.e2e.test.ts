import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeServerEnvelope } from '@tidings/proto'
import { TidingsClient, type ChatMessage } from '@tidings/sdk'
import { ChaosProxy, seedFromEnv, seededRandom } from './chaos-proxy.ts'
import {
  chaosDevice,
  healAfter,
  expectAllSendsSettled,
  expectConverged,
  sleep,
  waitForConvergence,
  type ChaosDevice,
} from './convergence.ts'
import { connectDevice, devToken, seqsOf, startPlatform, waitFor } from './helpers.ts'

/**
 * Every device behind its own proxy that keeps cutting its connection: sends, live delivery,
 * gap fill, reconnect sync and receipts all have to cope. Repeat a run with TIDINGS_CHAOS_SEED.
 */
describe('convergence under random disconnects (embedded platform)', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  let devices: ChaosDevice[] = []
  beforeAll(async () => {
    platform = await startPlatform()
  })
  afterAll(async () => {
    await Promise.all(devices.map(async (d) => (await d.close(), await d.proxy.close())))
    await platform.cleanup()
  })

  it('two devices of alice and one of bob send 150 messages each while connections drop: every log ends identical, gap-free and duplicate-free', async () => {
    const seed = seedFromEnv('TIDINGS_CHAOS_SEED')
    const random = seededRandom(seed)
    const device = (userId: string, deviceId: string) =>
      chaosDevice(platform.mqttUrl, platform.httpUrl, userId, deviceId, seededRandom(random() * 2 ** 32))
    const phone = await device('alice', 'phone')
    const laptop = await device('alice', 'laptop')
    const bob = await device('bob', 'phone')
    devices = [phone, laptop, bob]
    const dm = await phone.api.createDirectChat('bob')
    const group = await bob.api.createGroup('Trip', ['alice', 'carol']) // carol has no device

    for (const d of devices) d.proxy.chaos({ minMs: 80, maxMs: 400 })
    const PER_DEVICE = 150
    let later: { id: string } | undefined
    let phoneMarkedRead = 0
    const streams = devices.map(async (d, i) => {
      const own = seededRandom(random() * 2 ** 32) // drawn in device order, so the run repeats
      const sends: Promise<void>[] = []
      for (let n = 1; n <= PER_DEVICE; n++) {
        const r = own()
        const chat = later && r < 0.2 ? later : r < 0.6 ? dm : group
        sends.push(d.sendTracked(chat.id, `${d.userId}/${d.deviceId} #${n}`))
        await sleep(5 + own() * 25)
        if (i === 2 && n === 50) later = await bob.api.createGroup('Made during the storm', ['alice'])
        if (i === 0 && n === 100) {
          // alice reads the DM on her phone mid-storm; the receipt must survive the cuts
          phoneMarkedRead = Math.max(1, phone.logs.get(dm.id)?.at(-1)?.seq ?? 0)
          phone.markRead(dm.id, phoneMarkedRead)
        }
      }
      await Promise.all(sends)
    })
    const cuts = await healAfter(3500, devices, streams, seed)
    expect(cuts).toBeGreaterThanOrEqual(10)
    expect(later).toBeDefined()

    expectAllSendsSettled(devices)
    for (const [chat, members] of [
      [dm.id, devices],
      [group.id, devices],
      [later!.id, devices],
    ] as const) {
      const history = await waitForConvergence(members, chat, chat)
      expectConverged(members, chat, history)
      expect(history.length).toBe(devices.flatMap((d) => d.sends).filter((s) => s.chatId === chat).length)
    }
    // alice's own sends show on both of her devices, with the device that sent them
    for (const [from, other] of [
      [phone, laptop],
      [laptop, phone],
    ] as const) {
      const seen = new Set([...other.logs.values()].flat().map((m) => m.clientMsgId))
      expect(from.sends.filter((s) => !seen.has(s.result!.clientMsgId))).toEqual([])
    }

    // read state: the mid-storm mark arrived, and both devices agree with the server
    const aliceChats = async () => (await phone.api.chats()).find((c) => c.id === dm.id)!
    expect((await aliceChats()).readSeq).toBeGreaterThanOrEqual(phoneMarkedRead)
    const last = (await aliceChats()).lastSeq
    phone.markRead(dm.id, last)
    // readSeq is what the server confirmed: each device learns it from the receipt the server
    // sends to all of alice's devices, the phone no sooner than the laptop.
    await waitFor(
      () => laptop.readSeq(dm.id) === last && phone.readSeq(dm.id) === last,
      'both devices to get the read receipt',
    )
    const [fromPhone, fromLaptop] = await Promise.all([phone.api.chats(), laptop.api.chats()])
    expect(fromLaptop).toEqual(fromPhone)
    expect(fromPhone.find((c) => c.id === dm.id)).toMatchObject({ readSeq: last, unread: 0 })
    // bob's own messages count as read for him; alice's read state is not his
    expect((await bob.api.chats()).find((c) => c.id === dm.id)!.readSeq).toBeLessThanOrEqual(last)
  })

  it('a sync answer lost with its connection does not stall later catch-ups', async () => {
    let dropNextSync = false
    const proxy = await ChaosProxy.forUrl(platform.mqttUrl, {
      fromServer: (packet) => {
        if (!dropNextSync || packet.cmd !== 'publish') return true
        if (decodeServerEnvelope(packet.payload as Buffer).event !== 'sync') return true
        // The answer is lost and the link dies right after: the SDK never hears it.
        dropNextSync = false
        setImmediate(() => proxy.cutAll())
        return false
      },
    })
    const syncTimeoutMs = 1000
    const bob = await TidingsClient.connect({
      url: proxy.url,
      apiUrl: platform.httpUrl,
      token: await devToken(platform.httpUrl, 'bob'),
      userId: 'bob',
      deviceId: 'tablet',
      syncTimeoutMs,
    })
    const received: ChatMessage[] = []
    bob.onMessage((m) => received.push(m))
    const alice = await connectDevice(platform, 'alice', 'desk')
    const dm = await alice.api.createDirectChat('bob')
    const first = await alice.send(dm.id, 'before')
    await waitFor(() => seqsOf(received, dm.id).includes(first.seq), 'bob live')

    dropNextSync = true
    proxy.cutAll()
    await waitFor(() => proxy.stats.dropped === 1, 'the sync answer to be dropped')
    await waitFor(() => bob.connected, 'bob back')
    await new Promise((r) => setTimeout(r, syncTimeoutMs + 500)) // any waiter left over has timed out

    // bob is away (longer than a sync may take) while alice writes, then comes back: only
    // catch-up can bring these
    proxy.pause('refuse')
    const missed = [await alice.send(dm.id, 'while away 1'), await alice.send(dm.id, 'while away 2')]
    await new Promise((r) => setTimeout(r, syncTimeoutMs + 500))
    proxy.heal()
    await waitFor(
      () => missed.every((r) => seqsOf(received, dm.id).includes(r.seq)),
      'bob to catch up after the lost answer',
      8000,
    )
    expect(seqsOf(received, dm.id)).toEqual([first.seq, ...missed.map((r) => r.seq)])
    await Promise.all([bob.close(), alice.close(), proxy.close()])
  })

  it('back from offline: a chat created meanwhile arrives whole, and a receipt made offline reaches the server', async () => {
    const proxy = await ChaosProxy.forUrl(platform.mqttUrl)
    const bob = await TidingsClient.connect({
      url: proxy.url,
      apiUrl: platform.httpUrl,
      token: await devToken(platform.httpUrl, 'bob'),
      userId: 'bob',
      deviceId: 'watch',
    })
    const received: ChatMessage[] = []
    bob.onMessage((m) => received.push(m))
    const alice = await connectDevice(platform, 'alice', 'pad')
    const dm = await alice.api.createDirectChat('bob')
    const sent = [await alice.send(dm.id, 'one'), await alice.send(dm.id, 'two')]
    await waitFor(() => sent.every((r) => seqsOf(received, dm.id).includes(r.seq)), 'bob live')

    proxy.pause('refuse')
    bob.markRead(dm.id, sent[1]!.seq) // read on the plane
    const group = await alice.api.createGroup('Made while bob was away', ['bob'])
    for (const text of ['g1', 'g2', 'g3']) await alice.send(group.id, text)
    await new Promise((r) => setTimeout(r, 300))
    proxy.heal()
    await waitFor(() => seqsOf(received, group.id).length === 3, 'the new group, from its first message')
    expect(received.filter((m) => m.chatId === group.id).map((m) => m.text)).toEqual(['g1', 'g2', 'g3'])
    const readSeq = async () => (await bob.api.chats()).find((c) => c.id === dm.id)!.readSeq
    await waitFor(() => bob.readSeq(dm.id) === sent[1]!.seq, 'the read receipt to come back to bob')
    expect(await readSeq()).toBe(sent[1]!.seq)
    await Promise.all([bob.close(), alice.close(), proxy.close()])
  })

  it('a read on the phone while the laptop is away reaches the laptop when it is back, with no new message', async () => {
    const proxy = await ChaosProxy.forUrl(platform.mqttUrl)
    const laptop = await TidingsClient.connect({
      url: proxy.url,
      apiUrl: platform.httpUrl,
      token: await devToken(platform.httpUrl, 'ivy'),
      userId: 'ivy',
      deviceId: 'laptop',
    })
    const phone = await connectDevice(platform, 'ivy', 'phone')
    const jack = await connectDevice(platform, 'jack', 'phone')
    const dm = await jack.api.createDirectChat('ivy')
    const sent = [await jack.send(dm.id, 'one'), await jack.send(dm.id, 'two')]
    await waitFor(() => phone.received.length === 2, 'the phone to get both')

    proxy.pause('refuse')
    phone.markRead(dm.id, sent[1]!.seq)
    await waitFor(() => phone.readSeq(dm.id) === sent[1]!.seq, 'the server to take the read')
    proxy.heal()
    await waitFor(() => laptop.readSeq(dm.id) === sent[1]!.seq, 'the laptop to learn it from sync')
    await Promise.all([laptop.close(), phone.close(), jack.close(), proxy.close()])
  })

  it('connect() survives losing its first sync answer with the connection', async () => {
    let dropped = false
    const proxy = await ChaosProxy.forUrl(platform.mqttUrl, {
      fromServer: (packet) => {
        if (dropped || packet.cmd !== 'publish') return true
        if (decodeServerEnvelope(packet.payload as Buffer).event !== 'sync') return true
        dropped = true
        setImmediate(() => proxy.cutAll())
        return false
      },
    })
    const kim = await TidingsClient.connect({
      url: proxy.url,
      apiUrl: platform.httpUrl,
      token: await devToken(platform.httpUrl, 'kim'),
      userId: 'kim',
      deviceId: 'phone',
      syncTimeoutMs: 5000,
    })
    expect(proxy.stats).toMatchObject({ dropped: 1, accepted: 2 })
    const received: ChatMessage[] = []
    kim.onMessage((m) => received.push(m))
    const lee = await connectDevice(platform, 'lee', 'phone')
    const dm = await lee.api.createDirectChat('kim')
    await lee.send(dm.id, 'you made it')
    await waitFor(() => received.length === 1, 'kim to be live')
    await Promise.all([kim.close(), lee.close(), proxy.close()])
  })
})
