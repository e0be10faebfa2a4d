// The store's own ceiling, with no broker or bridge in front: CqlStore appends on a real
// Cassandra node with seqs from a real Redis, against SqliteStore (embedded) in the same run.
//   npm run bench:store --workspace @tidings/load-tests
// Settings: STORE_BENCH_MESSAGES (60000), STORE_BENCH_CHATS (50), STORE_BENCH_IN_FLIGHT (2000).
import cassandra from 'cassandra-driver'
import { Redis } from 'ioredis'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startCassandra, startRedis } from '@tidings/bridge/local-servers'
import { RedisSequenceAllocator } from '@tidings/bridge/sequence'
import { CqlStore, SqliteStore, migrateCql, type ChatStore, type MessageStore } from '@tidings/bridge/store'
import { LatencyRecorder } from './latency.ts'
import { plainAppend } from './plain-append.ts'

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const MESSAGES = env('STORE_BENCH_MESSAGES', 60_000)
const CHATS = env('STORE_BENCH_CHATS', 50)
const IN_FLIGHT = env('STORE_BENCH_IN_FLIGHT', 2000)

async function run(name: string, store: MessageStore & ChatStore) {
  const chats = await Promise.all(
    Array.from({ length: CHATS }, async (_, i) => (await store.createDirect(`a${i}`, `b${i}`)).chat.id),
  )
  const body = new Uint8Array(100)
  const latency = new LatencyRecorder()
  const start = performance.now()
  let next = 0
  const worker = async () => {
    while (next < MESSAGES) {
      const i = next++
      const t = performance.now()
      await store.append(plainAppend(chats[i % CHATS]!, `a${i % CHATS}`, body))
      latency.record(performance.now() - t)
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  const seconds = (performance.now() - start) / 1000
  const l = latency.summary()
  return `| ${name} | ${MESSAGES} | ${Math.round(MESSAGES / seconds).toLocaleString('en-US')} | ${l.p50.toFixed(1)} | ${l.p99.toFixed(1)} |`
}

const [redisServer, cassandraServer] = await Promise.all([startRedis(), startCassandra()])
const rows: string[] = []
const dir = mkdtempSync(join(tmpdir(), 'tidings-store-bench-'))
try {
  const sqlite = new SqliteStore({ path: join(dir, 'bench.sqlite') })
  rows.push(await run('SqliteStore (embedded, group commit)', sqlite))
  await sqlite.close()

  const client = new cassandra.Client({
    contactPoints: [`${cassandraServer.host}:${cassandraServer.port}`],
    localDataCenter: 'datacenter1',
  })
  await client.connect()
  await migrateCql(client, { keyspace: 'store_bench' })
  await client.execute('USE store_bench')
  const redis = new Redis(redisServer)
  const cql = new CqlStore({ client, sequences: new RedisSequenceAllocator({ redis }) })
  await run('(warm-up, not reported)', cql)
  rows.push(await run('CqlStore (Cassandra 5 + Redis seqs)', cql))
  await cql.close()
  await client.shutdown()
  redis.disconnect()
} finally {
  rmSync(dir, { recursive: true, force: true })
  await Promise.all([redisServer.stop(), cassandraServer.stop()])
}
process.stdout.write(
  [
    `${CHATS} chats, ${IN_FLIGHT} appends in flight, 100-byte bodies, one process (store and load share the cores)`,
    '',
    '| store | appends | appends/s | p50 ms | p99 ms |',
    '|---|---:|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n'),
)
process.exit(0)
