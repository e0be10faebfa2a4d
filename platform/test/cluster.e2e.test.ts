import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { Redis } from 'ioredis'
import mqtt from 'mqtt'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { encodeClientEnvelope, newClientMsgId, outboxTopic } from '@tidings/proto'
import { TidingsClient, type ChatMessage } from '@tidings/sdk'
import { startLocalCluster, type ClusterProcess, type LocalCluster } from '../src/local-cluster.ts'
import { devToken, metricSum, range, seqsOf, tempDir, waitFor, type Endpoints } from './helpers.ts'

const redisAddress = inject('redis')
const at = (cluster: LocalCluster, broker: ClusterProcess): Endpoints => ({
  mqttUrl: broker.endpoints.mqtt!,
  wsUrl: broker.endpoints.ws!,
  httpUrl: cluster.api.endpoints.http!,
})

/** An SDK device that records what it releases; short ack timeout so resends happen within the test. */
async function device(where: Endpoints, userId: string, deviceId: string, transport: 'tcp' | 'ws' = 'tcp') {
  const client = await TidingsClient.connect({
    url: transport === 'tcp' ? where.mqttUrl : where.wsUrl,
    apiUrl: where.httpUrl,
    token: await devToken(where.httpUrl, userId),
    userId,
    deviceId,
    ackTimeoutMs: 1500,
    maxSendAttempts: 20,
  })
  const received: ChatMessage[] = []
  client.onMessage((m) => received.push(m))
  return Object.assign(client, { received })
}

/** Every message of a chat, through the REST API, oldest first. */
async function wholeLog(client: TidingsClient, chatId: string): Promise<ChatMessage[]> {
  const all: ChatMessage[] = []
  for (;;) {
    const page = await client.history(chatId, { after: all.at(-1)?.seq ?? 0, limit: 200 })
    all.push(...page.messages)
    if (!page.hasMore) return all
  }
}

const expectCleanLog = (log: ChatMessage[]) => {
  const seqs = log.map((m) => m.seq)
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
  expect(new Set(seqs).size).toBe(seqs.length)
  expect(new Set(log.map((m) => m.clientMsgId)).size).toBe(log.length)
}

describe('cluster mode: brokers, bridges and the API as processes on real Redis and Cassandra', () => {
  let cluster: LocalCluster
  const prefix = `e2e${randomBytes(3).toString('hex')}:`
  const logDir = tempDir('tidings-cluster-logs-')
  beforeAll(async () => {
    cluster = await startLocalCluster({
      redis: redisAddress,
      cassandra: inject('cassandra'),
      jwtSecret: randomBytes(32).toString('base64url'),
      logDir,
      env: {
        TIDINGS_CASSANDRA_KEYSPACE: `tidings_e2e_${process.pid}`,
        TIDINGS_REDIS_PREFIX: prefix,
        TIDINGS_LEASE_MS: '1500',
        TIDINGS_LOG_LEVEL: 'warn',
        TIDINGS_PRESENCE_GRACE_MS: '300',
      },
    })
  })
  afterAll(async () => {
    await cluster?.stop()
    rmSync(logDir, { recursive: true, force: true })
  })

  it('alice on broker 1, bob on broker 2, a group spanning both: every device gets every message once, in order', async () => {
    const [b1, b2] = cluster.brokers as [ClusterProcess, ClusterProcess]
    const alicePhone = await device(at(cluster, b1), 'alice', 'phone')
    const aliceWeb = await device(at(cluster, b2), 'alice', 'web', 'ws')
    const bob = await device(at(cluster, b2), 'bob', 'phone')
    const carol = await device(at(cluster, b1), 'carol', 'laptop', 'ws')
    const dm = await alicePhone.api.createDirectChat('bob')
    const group = await alicePhone.api.createGroup('Trip', ['bob', 'carol'])
    const N = 40
    const started = Date.now()
    const results = await Promise.all([
      ...range(N).map((i) => alicePhone.send(dm.id, `a-phone ${i}`)),
      ...range(N).map((i) => aliceWeb.send(group.id, `a-web ${i}`)),
      ...range(N).map((i) => bob.send(dm.id, `bob ${i}`)),
      ...range(N).map((i) => bob.send(group.id, `bob ${i}`)),
      ...range(N).map((i) => carol.send(group.id, `carol ${i}`)),
    ])
    expect(results.every((r) => !r.duplicate)).toBe(true)
    for (const [d, dmN, groupN] of [
      [alicePhone, 2 * N, 3 * N],
      [aliceWeb, 2 * N, 3 * N],
      [bob, 2 * N, 3 * N],
      [carol, 0, 3 * N],
    ] as const) {
      await waitFor(
        () => d.received.length === dmN + groupN,
        `${d.userId}/${d.deviceId} to get ${dmN + groupN}`,
      )
      expect(seqsOf(d.received, dm.id)).toEqual(range(dmN))
      expect(seqsOf(d.received, group.id)).toEqual(range(groupN))
    }
    expect((await wholeLog(bob, group.id)).map((m) => m.text)).toEqual(
      seqsOf(carol.received, group.id).map(
        (seq) => carol.received.find((m) => m.chatId === group.id && m.seq === seq)!.text,
      ),
    )
    await Promise.all([alicePhone, aliceWeb, bob, carol].map((d) => d.close()))

    // every process serves /metrics; the bridges between them own all 16 partitions
    const metric = async (url: string, name: string) => metricSum(await (await fetch(url)).text(), name)
    const bridgeUrls = cluster.bridges.map((b) => b.endpoints.metrics!)
    const stored = await Promise.all(bridgeUrls.map((u) => metric(u, 'tidings_messages_stored_total')))
    expect(stored.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5 * N)
    const owned = await Promise.all(bridgeUrls.map((u) => metric(u, 'tidings_inbound_partitions_owned')))
    expect(owned.reduce((a, b) => a + b, 0)).toBe(16)
    expect(await metric(b1.endpoints.metrics!, 'tidings_broker_connections')).toBeGreaterThanOrEqual(0)
    // end-to-end latency, observed by the broker of each recipient device (both brokers here): at
    // least one observation per device delivery (3 devices in the DM, 4 in the group; a resend
    // after a slow ack is delivered again), each between 0 and the time the exchange took
    const brokerUrls = cluster.brokers.map((b) => b.endpoints.metrics!)
    const latency = async (name: string) => Promise.all(brokerUrls.map((u) => metric(u, name)))
    const deliveries = 3 * 2 * N + 4 * 3 * N
    let counts = await latency('tidings_delivery_latency_seconds_count')
    for (let i = 0; i < 100 && counts[0]! + counts[1]! < deliveries; i++) {
      await new Promise((r) => setTimeout(r, 50))
      counts = await latency('tidings_delivery_latency_seconds_count')
    }
    const elapsedS = (Date.now() - started) / 1000
    const count = counts[0]! + counts[1]!
    expect(count).toBeGreaterThanOrEqual(deliveries)
    expect(counts.every((c) => c > 0)).toBe(true)
    const sum = (await latency('tidings_delivery_latency_seconds_sum')).reduce((a, b) => a + b, 0)
    expect(sum).toBeGreaterThan(0)
    expect(sum).toBeLessThanOrEqual(count * (elapsedS + 0.001))
    expect(await metric(cluster.api.endpoints.metrics!, 'tidings_http_requests_total')).toBeGreaterThan(0)
  })

  it('groups, typing and presence across brokers: rename, removal at once, typing to viewers, presence changes', async () => {
    const [b1, b2] = cluster.brokers as [ClusterProcess, ClusterProcess]
    const alice = await device(at(cluster, b1), 'gina', 'phone')
    const bob = await device(at(cluster, b2), 'hank', 'phone')
    const carol = await device(at(cluster, b2), 'ivy', 'web', 'ws')
    const updates: string[] = []
    bob.onEvent((e) => void (e.chatUpdate?.title && updates.push(e.chatUpdate.title)))
    const typing: boolean[] = []
    bob.onTyping((t) => typing.push(t.typing))
    const presence: boolean[] = []
    bob.onPresence((p) => presence.push(p.online))

    const group = await alice.api.createGroup('Plans', ['hank', 'ivy'])
    await alice.api.renameChat(group.id, 'Better plans')
    await waitFor(() => updates.includes('Better plans'), 'the rename on broker 2')

    bob.viewChat(group.id)
    bob.watchPresence(['ivy'])
    await waitFor(() => presence.length === 1, "ivy's presence")
    expect(presence).toEqual([true])
    alice.setTyping(group.id, true)
    await waitFor(() => typing.length === 1, 'typing from broker 1 on broker 2')
    alice.setTyping(group.id, false)
    await waitFor(() => typing.length === 2, 'stopped typing')
    expect(typing).toEqual([true, false])

    await carol.close()
    await waitFor(() => presence.length === 2, 'ivy offline after the grace period')
    expect(presence).toEqual([true, false])

    const carolAgain = await device(at(cluster, b1), 'ivy', 'web', 'ws')
    await alice.send(group.id, 'one')
    await waitFor(() => seqsOf(carolAgain.received, group.id).length === 1, 'ivy to get one')
    await alice.api.removeMember(group.id, 'ivy')
    await alice.send(group.id, 'two')
    await waitFor(() => seqsOf(bob.received, group.id).length === 2, 'hank to get two')
    await new Promise((r) => setTimeout(r, 300))
    expect(seqsOf(carolAgain.received, group.id)).toEqual([1])
    await expect(carolAgain.api.history(group.id)).rejects.toMatchObject({ code: 'NOT_A_MEMBER' })
    await Promise.all([alice, bob, carolAgain].map((d) => d.close()))
  })
  it('receipts across brokers: bob reads on broker 2, alice on broker 1 sees it, and the chat list counts unread', async () => {
    const [b1, b2] = cluster.brokers as [ClusterProcess, ClusterProcess]
    const alice = await device(at(cluster, b1), 'alice', 'reader')
    const bob = await device(at(cluster, b2), 'bob', 'reader')
    const seen: { userId: string; upToSeq: number }[] = []
    alice.onReceipt((r) => seen.push(r))
    const dm = await alice.api.createDirectChat('bob')
    const sent = await Promise.all(range(5).map((i) => alice.send(dm.id, `r${i}`)))
    const last = Math.max(...sent.map((r) => r.seq))
    await waitFor(() => seqsOf(bob.received, dm.id).includes(last), 'bob to get the last one', 30_000)
    bob.markRead(dm.id, last - 2)
    await waitFor(
      () => seen.some((r) => r.userId === 'bob' && r.upToSeq === last - 2),
      'alice to see the receipt',
    )
    expect((await bob.api.chats()).find((c) => c.id === dm.id)!.unread).toBe(2)
    await Promise.all([alice.close(), bob.close()])
  })

  it('presence: a broker killed with -9 sends no disconnects; its users go offline when their TTL runs out', async () => {
    const [b1] = cluster.brokers as [ClusterProcess]
    const doomed = await cluster.spawn('broker', 'broker-doomed')
    const watcher = await device(at(cluster, b1), 'jack', 'phone')
    await watcher.api.createDirectChat('kate')
    const kate = await TidingsClient.connect({
      url: doomed.endpoints.mqtt!,
      apiUrl: cluster.api.endpoints.http!,
      token: await devToken(cluster.api.endpoints.http!, 'kate'),
      userId: 'kate',
      deviceId: 'phone',
      keepaliveSeconds: 2, // her presence TTL: 1.5 keepalives + 5 s = 8 s after her last heartbeat
    })
    const presence: Array<{ online: boolean; at: number }> = []
    watcher.onPresence((p) => presence.push({ online: p.online, at: Date.now() }))
    watcher.watchPresence(['kate'])
    await waitFor(() => presence.some((p) => p.online), 'kate online')
    await new Promise((r) => setTimeout(r, 2_500)) // at least one PINGREQ heartbeat
    const killedAt = Date.now()
    doomed.child.kill('SIGKILL')
    await waitFor(() => presence.some((p) => !p.online), 'kate offline by TTL', 20_000)
    const after = presence.find((p) => !p.online)!.at - killedAt
    // not at once (nobody saw her disconnect), and not later than TTL + grace + a sweep
    expect(after).toBeGreaterThan(3_000)
    expect(after).toBeLessThan(11_000)
    await Promise.all([watcher.close(), kate.close()])
  })

  it('kill -9 of a bridge mid-stream: the other takes over; every PUBACKed message is stored and delivered once; no seq reused', async () => {
    const [b1, b2] = cluster.brokers as [ClusterProcess, ClusterProcess]
    const bob = await device(at(cluster, b2), 'bob', 'tablet')
    const dms = await Promise.all(['dave', 'erin', 'frank', 'grace'].map((u) => bob.api.createDirectChat(u)))
    // Plain MQTT publishers (no SDK resends): what was PUBACKed must be in the log.
    const publishers = await Promise.all(
      ['dave', 'erin', 'frank', 'grace'].map(async (userId) => {
        const client = await mqtt.connectAsync(b1.endpoints.mqtt!, {
          clientId: `${userId}/phone`,
          username: userId,
          password: await devToken(cluster.api.endpoints.http!, userId),
          reconnectPeriod: 0,
        })
        return { userId, client }
      }),
    )
    const acked = new Map<string, string[]>() // chat -> client ids PUBACKed
    const PER_CHAT = 250
    let published = 0
    const victim = cluster.bridges[0]!
    const sends = publishers.map(async ({ userId, client }, i) => {
      const chatId = dms[i]!.id
      for (let n = 0; n < PER_CHAT; n++) {
        const clientMsgId = newClientMsgId()
        await client.publishAsync(
          outboxTopic(userId),
          Buffer.from(
            encodeClientEnvelope({ send: { chatId, clientMsgId, body: Buffer.from(`${userId} ${n}`) } }),
          ),
          { qos: 1 },
        )
        acked.set(chatId, [...(acked.get(chatId) ?? []), Buffer.from(clientMsgId).toString('hex')])
        if (++published === 300) victim.child.kill('SIGKILL')
        if (n % 25 === 0) await new Promise((r) => setTimeout(r, 5))
      }
    })
    await Promise.all(sends)
    expect(victim.child.signalCode).toBe('SIGKILL')
    for (const dm of dms) {
      await waitFor(
        () => seqsOf(bob.received, dm.id).length === PER_CHAT,
        `bob to get all of ${dm.id}`,
        30_000,
      )
      expect(seqsOf(bob.received, dm.id)).toEqual(range(PER_CHAT))
      const log = await wholeLog(bob, dm.id)
      expectCleanLog(log)
      expect(log.map((m) => m.seq)).toEqual(range(PER_CHAT))
      const stored = new Set(log.map((m) => m.clientMsgId.replaceAll('-', '')))
      expect(acked.get(dm.id)!.filter((id) => !stored.has(id))).toEqual([])
    }
    await Promise.all(publishers.map((p) => p.client.endAsync()))
    await bob.close()
    // Back to two bridges for the next test.
    cluster.bridges[0] = await cluster.spawn('bridge', 'bridge-3')
  })

  it('Redis FLUSHALL mid-run: seqs continue above the stored high-water mark and nothing acked is lost', async () => {
    const [b1, b2] = cluster.brokers as [ClusterProcess, ClusterProcess]
    const alice = await device(at(cluster, b1), 'alice', 'tablet')
    const bob = await device(at(cluster, b2), 'bob', 'watch')
    const dm = await alice.api.createDirectChat('bob')
    const before = (await wholeLog(alice, dm.id)).length
    const N = 300
    const redis = new Redis(redisAddress)
    const results: { seq: number; clientMsgId: string }[] = []
    let flushedAt = 0
    for (let wave = 0; wave < N / 20; wave++) {
      if (wave === 5) {
        flushedAt = Math.max(...results.map((r) => r.seq))
        await redis.flushall()
      }
      results.push(...(await Promise.all(range(20).map((i) => alice.send(dm.id, `wave ${wave} #${i}`)))))
    }
    redis.disconnect()
    const afterFlush = results.slice(100)
    expect(Math.min(...afterFlush.map((r) => r.seq))).toBeGreaterThan(flushedAt)
    const log = await wholeLog(alice, dm.id)
    expectCleanLog(log)
    expect(log.length).toBe(before + N)
    const stored = new Set(log.map((m) => m.clientMsgId))
    expect(results.filter((r) => !stored.has(r.clientMsgId))).toEqual([])
    await waitFor(() => seqsOf(bob.received, dm.id).length >= N, 'bob to catch up', 30_000)
    expect(new Set(seqsOf(bob.received, dm.id)).size).toBe(seqsOf(bob.received, dm.id).length)
    await Promise.all([alice.close(), bob.close()])
  })
})
