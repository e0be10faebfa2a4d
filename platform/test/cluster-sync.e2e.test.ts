import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startLocalCluster, type ClusterProcess, type LocalCluster } from '../src/local-cluster.ts'
import { seedFromEnv, seededRandom } from './chaos-proxy.ts'
import {
  chaosDevice,
  healAfter,
  expectAllSendsSettled,
  expectConverged,
  sleep,
  waitForConvergence,
  type ChaosDevice,
} from './convergence.ts'
import { range, tempDir, waitFor } from './helpers.ts'

/**
 * Sync, receipts and groups on the cluster (2 brokers, 2 bridges, the API as processes on real
 * Redis and Cassandra), with devices behind chaos proxies. Repeat a run with TIDINGS_CHAOS_SEED.
 */
describe('cluster mode: reconnect sync and convergence across brokers', () => {
  let cluster: LocalCluster
  let brokers: [ClusterProcess, ClusterProcess]
  const logDir = tempDir('tidings-cluster-sync-logs-')
  const opened: ChaosDevice[] = []
  const seed = seedFromEnv('TIDINGS_CHAOS_SEED')
  /** Each test draws from its own stream, so a test run alone (-t) repeats its run in the whole file. */
  const randomFor = (test: number) => seededRandom(seed + test)
  const device = async (broker: ClusterProcess, userId: string, deviceId: string, random: () => number) => {
    const d = await chaosDevice(
      broker.endpoints.mqtt!,
      cluster.api.endpoints.http!,
      userId,
      deviceId,
      seededRandom(random() * 2 ** 32),
    )
    opened.push(d)
    return d
  }

  beforeAll(async () => {
    cluster = await startLocalCluster({
      redis: inject('redis'),
      cassandra: inject('cassandra'),
      jwtSecret: randomBytes(32).toString('base64url'),
      logDir,
      env: {
        TIDINGS_CASSANDRA_KEYSPACE: `tidings_sync_${process.pid}`,
        TIDINGS_REDIS_PREFIX: `sync${randomBytes(3).toString('hex')}:`,
        TIDINGS_LOG_LEVEL: 'warn',
      },
    })
    brokers = cluster.brokers as [ClusterProcess, ClusterProcess]
  })
  afterAll(async () => {
    await Promise.all(opened.map(async (d) => (await d.close(), await d.proxy.close())))
    await cluster?.stop()
    rmSync(logDir, { recursive: true, force: true })
  })

  it('a device on broker 2 that was offline while chats moved through broker 1 catches up through SyncRequest: messages, a chat created meanwhile, a read on another device', async () => {
    const [b1, b2] = brokers
    const random = randomFor(1)
    const erin = await device(b2, 'erin', 'tablet', random)
    const erinPhone = await device(b1, 'erin', 'phone', random)
    const frank = await device(b1, 'frank', 'phone', random)
    const grace = await device(b1, 'grace', 'phone', random)
    const dm = await frank.api.createDirectChat('erin')
    const group = await frank.api.createGroup('Sync club', ['erin', 'grace'])
    await Promise.all([frank.sendTracked(dm.id, 'hello'), grace.sendTracked(group.id, 'hi all')])
    await waitFor(
      () => erin.logs.get(dm.id)?.length === 1 && erin.logs.get(group.id)?.length === 1,
      'erin live',
    )

    const syncAnswers: number[] = []
    erin.onEvent((e) => e.sync && syncAnswers.push(e.sync.chats?.length ?? 0))
    erin.proxy.pause('refuse')
    const N = 20
    await Promise.all([
      ...range(N).map((i) => frank.sendTracked(dm.id, `while away ${i}`)),
      ...range(N).map((i) => grace.sendTracked(group.id, `grace ${i}`)),
      ...range(N).map((i) => frank.sendTracked(group.id, `frank ${i}`)),
    ])
    const later = await grace.api.createGroup('Made while erin was away', ['erin'])
    for (const i of range(5)) await grace.sendTracked(later.id, `later ${i}`)
    // erin reads the DM on her phone (broker 1) while the tablet is away
    await waitFor(() => erinPhone.logs.get(dm.id)?.length === N + 1, "erin's phone live")
    erinPhone.markRead(dm.id, N + 1)
    await waitFor(() => erinPhone.readSeq(dm.id) === N + 1, 'the read to be stored')
    expect(erin.logs.get(dm.id)?.length).toBe(1) // nothing reached erin live
    erin.proxy.heal()

    for (const [chatId, members] of [
      [dm.id, [frank, erin, erinPhone]],
      [group.id, [frank, erin, erinPhone, grace]],
      [later.id, [erin, erinPhone, grace]],
    ] as const) {
      const history = await waitForConvergence([...members], chatId, chatId)
      expectConverged([...members], chatId, history)
    }
    expect(erin.logs.get(dm.id)).toHaveLength(N + 1)
    expect(erin.logs.get(group.id)).toHaveLength(2 * N + 1)
    expect(erin.logs.get(later.id)).toHaveLength(5)
    // it was the sync answer that named the three chats that moved, and the read made meanwhile
    expect(syncAnswers).toContain(3)
    expect(erin.readSeq(dm.id)).toBe(N + 1)
  })

  it('alice on broker 1 and 2, bob on broker 2, cut at random: every log converges, and read state with it', async () => {
    const [b1, b2] = brokers
    const random = randomFor(2)
    const phone = await device(b1, 'alice', 'phone', random)
    const laptop = await device(b2, 'alice', 'laptop', random)
    const bob = await device(b2, 'bob', 'phone', random)
    const devices = [phone, laptop, bob]
    const dm = await phone.api.createDirectChat('bob')
    const group = await bob.api.createGroup('Storm', ['alice', 'carol'])

    for (const d of devices) d.proxy.chaos({ minMs: 100, maxMs: 500 })
    const PER_DEVICE = 60
    const streams = devices.map(async (d) => {
      const own = seededRandom(random() * 2 ** 32) // drawn in device order, so the run repeats
      const sends: Promise<void>[] = []
      for (let n = 1; n <= PER_DEVICE; n++) {
        sends.push(d.sendTracked(own() < 0.5 ? dm.id : group.id, `${d.deviceId} #${n}`))
        await sleep(10 + own() * 40)
      }
      await Promise.all(sends)
    })
    const cuts = await healAfter(3000, devices, streams, seed)
    expect(cuts).toBeGreaterThanOrEqual(5)

    expectAllSendsSettled(devices)
    for (const chatId of [dm.id, group.id]) {
      const history = await waitForConvergence(devices, chatId, chatId, 30_000)
      expectConverged(devices, chatId, history)
      expect(history).toHaveLength(devices.flatMap((d) => d.sends).filter((s) => s.chatId === chatId).length)
    }
    const last = (await phone.api.chats()).find((c) => c.id === dm.id)!.lastSeq
    phone.markRead(dm.id, last)
    await waitFor(() => laptop.readSeq(dm.id) === last, 'the laptop on broker 2 to get the read receipt')
    const [fromPhone, fromLaptop] = await Promise.all([phone.api.chats(), laptop.api.chats()])
    expect(fromLaptop).toEqual(fromPhone)
    expect(fromPhone.find((c) => c.id === dm.id)).toMatchObject({ readSeq: last, unread: 0 })
  })
})
