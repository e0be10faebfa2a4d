import { expect, test } from 'vitest'
import { DirectInboundLog, RedisInboundLog } from '../src/inbound/index.ts'
import { FencedError, RedisSequenceAllocator } from '../src/sequence/index.ts'
import { inboundLogContract } from '../src/testing/index.ts'
import { testRedis, uniquePrefix } from './redis-client.ts'

const processOnly: string[] = [
  'keeps records appended while no consumer runs until one starts',
  'gives the records of a crashed consumer to another one, marked redelivered',
  'splits the work between two consumers, each record handled once',
]

inboundLogContract({
  name: 'DirectInboundLog',
  async create() {
    const log = new DirectInboundLog()
    return { open: async () => log, crash: async () => {}, close: async () => {} }
  },
  skip: [
    {
      reason:
        'no log in between: append runs the handler in this process, and fails while none is registered',
      tests: processOnly,
    },
    {
      reason: 'a failing handler fails the append, so the broker withholds the PUBACK and the client resends',
      tests: ['hands a record out again, marked redelivered, when its handler fails'],
    },
  ],
})

const redisLog = () => {
  const prefix = uniquePrefix('in')
  const clients = [testRedis()]
  return {
    prefix,
    clients,
    async open() {
      const redis = testRedis()
      clients.push(redis)
      return new RedisInboundLog({ redis, prefix, partitions: 8, leaseMs: 800, retryDelayMs: 50 })
    },
    async crash(log: unknown) {
      ;(log as RedisInboundLog).halt()
    },
    async close() {
      for (const c of clients) c.disconnect()
    },
  }
}

inboundLogContract({ name: 'RedisInboundLog (Streams)', create: async () => redisLog() })

test('a deposed owner is fenced: its seq allocations are refused once another bridge took over', async () => {
  const t = redisLog()
  const sequences = new RedisSequenceAllocator({ redis: t.clients[0]!, prefix: t.prefix })
  const first = await t.open()
  const fences: { key: string; token: string }[] = []
  await first.consume(async (r) => {
    fences.push(r.fence!)
    await new Promise(() => {})
  })
  await first.append({ userId: 'u', deviceId: 'd', key: 'chat', receivedAt: 1, payload: new Uint8Array() })
  while (fences.length === 0) await new Promise((r) => setTimeout(r, 10))
  const allocate = () =>
    sequences.allocate({ chatId: 'chat', clientMsgIds: ['x'], fence: fences[0] }, async () => 0)
  expect((await allocate())[0]!.seq).toBe(1)
  await t.crash(first)
  const second = await t.open()
  const handled: unknown[] = []
  await second.consume(async (r) => void handled.push(r))
  while (handled.length === 0) await new Promise((r) => setTimeout(r, 20))
  await expect(allocate()).rejects.toBeInstanceOf(FencedError)
  await second.close()
  await t.close()
})

test('keeps its partitions while a pass over stranded records is slow: renewals never wait for it', async () => {
  const t = redisLog()
  const [a, b] = [await t.open(), await t.open()]
  const handler = async () => {}
  await a.consume(handler)
  await b.consume(handler)
  const owned = () => [a.stats().ownedPartitions, b.stats().ownedPartitions]
  for (let waited = 0; owned().some((p) => p.length !== 4); waited += 20) {
    if (waited > 10_000) throw new Error(`never balanced: ${JSON.stringify(owned())}`)
    await new Promise((r) => setTimeout(r, 20))
  }
  const before = owned()
  // Under load, claiming and trimming took seconds, longer than a lease (800 ms here).
  const slow = a as unknown as { claimStranded(part: unknown, minIdleMs: number): Promise<void> }
  const claim = slow.claimStranded.bind(a)
  slow.claimStranded = async (part, minIdleMs) => {
    if (minIdleMs > 0) await new Promise((r) => setTimeout(r, 2500))
    return claim(part, minIdleMs)
  }
  await new Promise((r) => setTimeout(r, 3000))
  expect(owned()).toEqual(before)
  await Promise.all([a.close(), b.close()])
  await t.close()
})

test('a record finished while a claim of stranded records is on its way is not handed out again', async () => {
  const t = redisLog()
  const log = await t.open()
  const internals = log as unknown as {
    owned: Map<number, { inFlight: Set<string> }>
    claimStranded(part: unknown, minIdleMs: number): Promise<void>
  }
  let calls = 0
  let finish!: () => void
  await log.consume(() => {
    calls++
    return new Promise<void>((resolve) => (finish = resolve))
  })
  await log.append({ userId: 'u', deviceId: 'd', key: 'chat', receivedAt: 1, payload: new Uint8Array() })
  while (calls === 0) await new Promise((r) => setTimeout(r, 5))
  const part = [...internals.owned.values()].find((p) => p.inFlight.size > 0)!
  finish()
  for (let i = 0; i < 5; i++) await Promise.resolve() // done, its ack not yet sent (the read loop is blocked)
  await internals.claimStranded(part, 0)
  await new Promise((r) => setTimeout(r, 300))
  expect(calls).toBe(1)
  await log.close()
  await t.close()
})

test('a pass over stranded records moves ids, not records, for those in flight here', async () => {
  const t = redisLog()
  const log = await t.open()
  const internals = log as unknown as {
    redis: { stream: { bytesRead: number } }
    owned: Map<number, { inFlight: Set<string> }>
    claimStranded(part: unknown, minIdleMs: number): Promise<void>
  }
  let calls = 0
  await log.consume(() => {
    calls++
    return new Promise<void>(() => {}) // in flight for the rest of the test
  })
  const payload = new Uint8Array(10_000).fill(7)
  const records = 100
  for (let i = 0; i < records; i++)
    await log.append({ userId: 'u', deviceId: 'd', key: `chat-${i}`, receivedAt: 1, payload })
  while (calls < records) await new Promise((r) => setTimeout(r, 10))
  const before = internals.redis.stream.bytesRead
  for (const part of internals.owned.values()) await internals.claimStranded(part, 0)
  const moved = internals.redis.stream.bytesRead - before
  expect(moved).toBeLessThan((records * payload.length) / 10) // the records: 1 MB
  expect(calls).toBe(records)
  log.halt()
  await t.close()
})

test('with a linger, records arriving just after a small read are handed out together, in order', async () => {
  const t = redisLog()
  const redis = testRedis()
  t.clients.push(redis)
  const log = new RedisInboundLog({ redis, prefix: t.prefix, partitions: 1, lingerMs: 400 })
  const reads: number[][] = [] // the records handed out in each turn of the event loop
  let turn: number[] | undefined
  await log.consume(async (r) => {
    if (!turn) {
      turn = []
      reads.push(turn)
      setImmediate(() => (turn = undefined))
    }
    turn.push(r.receivedAt)
  })
  const append = (n: number) =>
    log.append({ userId: 'u', deviceId: 'd', key: 'chat', receivedAt: n, payload: new Uint8Array() })
  await append(0)
  while (reads.length === 0) await new Promise((r) => setTimeout(r, 5))
  for (let n = 1; n <= 5; n++) {
    await append(n)
    await new Promise((r) => setTimeout(r, 10))
  }
  while (reads.flat().length < 6) await new Promise((r) => setTimeout(r, 10))
  expect(reads).toEqual([[0], [1, 2, 3, 4, 5]])
  await log.close()
  await t.close()
})
