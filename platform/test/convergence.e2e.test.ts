import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedFromEnv, seededRandom } from './chaos-proxy.ts'
import {
  chaosDevice,
  expectAllSendsSettled,
  expectConverged,
  sleep,
  waitForConvergence,
  type ChaosDevice,
} from './convergence.ts'
import { startPlatform, waitFor } from './helpers.ts'

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

    for (const d of devices) d.proxy.chaos({ minMs: 150, maxMs: 600 })
    const PER_DEVICE = 150
    let later: { id: string } | undefined
    let phoneMarkedRead = 0
    const streams = devices.map(async (d, i) => {
      const sends: Promise<void>[] = []
      for (let n = 1; n <= PER_DEVICE; n++) {
        const r = random()
        const chat = later && r < 0.2 ? later : r < 0.6 ? dm : group
        sends.push(d.sendTracked(chat.id, `${d.userId}/${d.deviceId} #${n}`))
        await sleep(5 + random() * 25)
        if (i === 2 && n === 50) later = await bob.api.createGroup('Made during the storm', ['alice'])
        if (i === 0 && n === 100) {
          // alice reads the DM on her phone mid-storm; the receipt must survive the cuts
          phoneMarkedRead = Math.max(1, phone.logs.get(dm.id)?.at(-1)?.seq ?? 0)
          phone.markRead(dm.id, phoneMarkedRead)
        }
      }
      await Promise.all(sends)
    })
    await sleep(3000)
    const cuts = devices.reduce((n, d) => n + d.proxy.stats.cuts, 0)
    for (const d of devices) d.proxy.heal()
    await Promise.all(streams)
    console.log(`seed ${seed}: ${cuts} connections cut while sending`)
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
    await waitFor(() => laptop.readSeq(dm.id) === last, 'the laptop to get the read receipt')
    expect(phone.readSeq(dm.id)).toBe(last)
    const [fromPhone, fromLaptop] = await Promise.all([phone.api.chats(), laptop.api.chats()])
    expect(fromLaptop).toEqual(fromPhone)
    expect(fromPhone.find((c) => c.id === dm.id)).toMatchObject({ readSeq: last, unread: 0 })
    // bob's own messages count as read for him; alice's read state is not his
    expect((await bob.api.chats()).find((c) => c.id === dm.id)!.readSeq).toBeLessThanOrEqual(last)
  })
})
