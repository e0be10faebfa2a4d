// The stores on their own, with no broker or bridge in front: CqlStore appends on a real
// Cassandra node with seqs from a real Redis, against SqliteStore (embedded) in the same run.
// Two measures: the ceiling (appends flat out, many in flight) and the latency floor at the
// targets' fixed rate (what no end-to-end p99 at that rate can beat).
//   npm run bench:store --workspace @tidings/load-tests
// Settings: STORE_BENCH_MESSAGES (60000) and STORE_BENCH_IN_FLIGHT (2000) flat out;
// STORE_BENCH_RATE (5000/s) for STORE_BENCH_RATE_S (20 s, 0 skips it); STORE_BENCH_CHATS (50);
// BENCH_CASSANDRA_WARMUP_S (60, as bench:cluster: a fresh node's JIT is warmed first).
import cassandra from 'cassandra-driver'
import { Redis } from 'ioredis'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startCassandra, startRedis } from '@tidings/bridge/local-servers'
import { RedisSequenceAllocator } from '@tidings/bridge/sequence'
import { CqlStore, SqliteStore, migrateCql, type ChatStore, type MessageStore } from '@tidings/bridge/store'
import { envNumber, int, machineLine, ms1 } from './bench-env.ts'
import { warmCassandra } from './cassandra-warmup.ts'
import { LatencyRecorder } from './latency.ts'
import { probeMachineMs } from './machine-probe.ts'
import { plainAppend } from './plain-append.ts'

const MESSAGES = envNumber('STORE_BENCH_MESSAGES', 60_000)
const IN_FLIGHT = envNumber('STORE_BENCH_IN_FLIGHT', 2000)
const RATE = envNumber('STORE_BENCH_RATE', 5000)
const RATE_SECONDS = envNumber('STORE_BENCH_RATE_S', 20)
const CHATS = envNumber('STORE_BENCH_CHATS', 50)
const say = (line: string) => process.stdout.write(line + '\n')

type Store = MessageStore & ChatStore

/** Appends of 100-byte bodies to CHATS chats, round robin, each timed until its result. */
async function appender(store: Store) {
  const chats = await Promise.all(
    Array.from({ length: CHATS }, async (_, i) => (await store.createDirect(`a${i}`, `b${i}`)).chat.id),
  )
  const body = new Uint8Array(100)
  const latency = new LatencyRecorder()
  let sent = 0
  /** `since`: when the append was due (a fixed rate's schedule), so a late release counts too. */
  const append = async (since = performance.now()) => {
    const i = sent++
    await store.append(plainAppend(chats[i % CHATS]!, `a${i % CHATS}`, body))
    latency.record(performance.now() - since)
  }
  return { append, latency, sent: () => sent }
}

const row = (name: string, mode: string, perSecond: number, latency: LatencyRecorder, probe: number) => {
  const l = latency.summary()
  return `| ${name} | ${mode} | ${int(l.count)} | ${int(perSecond)} | ${ms1(l.p50)} | ${ms1(l.p99)} | ${ms1(l.p999)} | ${ms1(l.max)} | ${ms1(probe)} |`
}

/** MESSAGES appends with IN_FLIGHT at once: the store's ceiling (latency is queueing here). */
async function flatOut(name: string, store: Store): Promise<string> {
  const probe = probeMachineMs()
  const { append, latency, sent } = await appender(store)
  const start = performance.now()
  const worker = async () => {
    while (sent() < MESSAGES) await append()
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  return row(name, 'flat out', MESSAGES / ((performance.now() - start) / 1000), latency, probe)
}

/**
 * RATE appends a second for RATE_SECONDS, released every millisecond as messages arrive; each
 * timed from when it was due, so a stalled event loop counts against the store's figures.
 */
async function atRate(name: string, store: Store): Promise<string> {
  const probe = probeMachineMs()
  const { append, latency, sent } = await appender(store)
  const pending: Promise<void>[] = []
  const start = performance.now()
  for (let elapsed = 0; elapsed < RATE_SECONDS * 1000; elapsed = performance.now() - start) {
    const due = Math.floor((elapsed / 1000) * RATE)
    while (sent() < due) pending.push(append(start + (sent() * 1000) / RATE))
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  const released = sent()
  await Promise.all(pending)
  return row(name, `${int(RATE)}/s`, released / RATE_SECONDS, latency, probe)
}

const SQLITE = 'SqliteStore (embedded)'
const CQL = 'CqlStore (Cassandra 5 + Redis seqs)'
const [redisServer, cassandraServer] = await Promise.all([startRedis(), startCassandra()])
const rows: string[] = []
const dir = mkdtempSync(join(tmpdir(), 'tidings-store-bench-'))
try {
  const sqlite = new SqliteStore({ path: join(dir, 'bench.sqlite') })
  say(`${SQLITE}: flat out…`)
  rows.push(await flatOut(SQLITE, sqlite))
  if (RATE_SECONDS > 0) {
    say(`${SQLITE}: ${RATE}/s for ${RATE_SECONDS} s…`)
    rows.push(await atRate(SQLITE, sqlite))
  }
  await sqlite.close()

  const warmupS = envNumber('BENCH_CASSANDRA_WARMUP_S', 60)
  if (warmupS > 0) {
    say(`warming Cassandra's JIT up for ${warmupS} s…`)
    await warmCassandra(cassandraServer, warmupS)
  }
  const client = new cassandra.Client({
    contactPoints: [`${cassandraServer.host}:${cassandraServer.port}`],
    localDataCenter: 'datacenter1',
    queryOptions: { consistency: cassandra.types.consistencies.localQuorum, prepare: true },
  })
  await client.connect()
  await migrateCql(client, { keyspace: 'store_bench' })
  await client.execute('USE store_bench')
  const redis = new Redis(redisServer)
  const cql = new CqlStore({ client, sequences: new RedisSequenceAllocator({ redis }) })
  say(`${CQL}: a flat-out run to warm this process up (not reported), then flat out…`)
  await flatOut(CQL, cql)
  rows.push(await flatOut(CQL, cql))
  if (RATE_SECONDS > 0) {
    say(`${CQL}: ${RATE}/s for ${RATE_SECONDS} s…`)
    rows.push(await atRate(CQL, cql))
  }
  await cql.close()
  await client.shutdown()
  redis.disconnect()
} finally {
  rmSync(dir, { recursive: true, force: true })
  await Promise.all([redisServer.stop(), cassandraServer.stop()])
}
say(
  [
    '',
    machineLine(),
    `${CHATS} chats, 100-byte bodies, one process (store and load share the cores). Flat out:`,
    `${int(MESSAGES)} appends, ${int(IN_FLIGHT)} in flight (latency is queueing). At a fixed rate:`,
    `released every millisecond for ${RATE_SECONDS} s; latency from when an append was due to its result.`,
    '*probe ms*: the machine probe just before the run (`machine-probe.ts`); higher when the machine is slow.',
    '',
    '| store | load | appends | appends/s | p50 ms | p99 ms | p99.9 ms | max ms | probe ms |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n'),
)
process.exit(0)
