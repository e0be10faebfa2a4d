// One bridge's CPU per message at fixed rates, with and without the read linger:
//   npm run bench:bridge --workspace @tidings/load-tests
// The bridge (inbound log, CqlStore, cluster bus) runs in this process; a child process XADDs
// sends at the rate, so its CPU is not counted. Printed as a Markdown table. Settings:
// BRIDGE_BENCH_RATES (1000,2500,4000), BRIDGE_BENCH_LINGERS (0,5 ms), BRIDGE_BENCH_SECONDS (10).
// TIDINGS_TEST_CASSANDRA reuses a running Cassandra node.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import cassandra from 'cassandra-driver'
import { Redis } from 'ioredis'
import pino from 'pino'
import { encodeClientEnvelope, newClientMsgId } from '@tidings/proto'
import { createBridge } from '@tidings/bridge'
import { RedisInboundLog } from '@tidings/bridge/inbound'
import { startCassandra, startRedis, type ServerAddress } from '@tidings/bridge/local-servers'
import { RedisSequenceAllocator } from '@tidings/bridge/sequence'
import { CqlStore, migrateCql } from '@tidings/bridge/store'
import { createClusterBus } from '@tidings/broker'
import { cpuSeconds, pidFromFile } from './proc-stats.ts'

const list = (name: string, fallback: string) => (process.env[name] ?? fallback).split(',').map(Number)
const PARTITIONS = 16

/** The child: appends sends for the chats at `rate` per second for `seconds`, then exits. */
async function appendAtRate(
  redis: ServerAddress,
  prefix: string,
  chats: string[],
  rate: number,
  seconds: number,
) {
  const inbound = new RedisInboundLog({ redis: new Redis(redis), prefix, partitions: PARTITIONS })
  const body = new Uint8Array(100)
  const start = performance.now()
  for (let sent = 0; performance.now() - start < seconds * 1000;) {
    const due = Math.floor(((performance.now() - start) / 1000) * rate)
    for (; sent < due; sent++) {
      const c = sent % chats.length
      const send = { chatId: chats[c]!, clientMsgId: newClientMsgId(), body }
      void inbound.append({
        userId: `a${c}`,
        deviceId: 'bench',
        key: chats[c]!,
        receivedAt: Date.now(),
        payload: encodeClientEnvelope({ send }),
      })
    }
    await new Promise((r) => setTimeout(r, 2))
  }
  await new Promise((r) => setTimeout(r, 200))
  process.exit(0)
}

if (process.argv[2] === 'append') {
  const [redis, prefix, chats, rate, seconds] = JSON.parse(process.argv[3]!)
  await appendAtRate(redis, prefix, chats, rate, seconds)
}

const seconds = Number(process.env.BRIDGE_BENCH_SECONDS ?? 10)
const [redisServer, cassandraServer] = await Promise.all([startRedis(), startCassandra()])
const redisPid = pidFromFile(join(redisServer.dir, 'redis.pid'))!
const client = new cassandra.Client({
  contactPoints: [`${cassandraServer.host}:${cassandraServer.port}`],
  localDataCenter: 'datacenter1',
})
const rows: string[] = []
try {
  await client.connect()
  const keyspace = `bridge_bench_${process.pid}`
  await migrateCql(client, { keyspace })
  await client.execute(`USE ${keyspace}`)
  const redis = new Redis({ ...redisServer, enableAutoPipelining: true, maxRetriesPerRequest: null })
  const store = new CqlStore({ client, sequences: new RedisSequenceAllocator({ redis }) })
  const chats = await Promise.all(
    Array.from({ length: 50 }, async (_, i) => (await store.createDirect(`a${i}`, `b${i}`)).chat.id),
  )
  const bus = await createClusterBus(redisServer, 'bench')
  let run = 0
  for (const rate of list('BRIDGE_BENCH_RATES', '1000,2500,4000'))
    for (const lingerMs of list('BRIDGE_BENCH_LINGERS', '0,5')) {
      const prefix = `bench${++run}:`
      const inbound = new RedisInboundLog({ redis, prefix, partitions: PARTITIONS, lingerMs })
      const log = pino({ level: 'warn' })
      const bridge = createBridge(
        { messages: store, chats: store, bus, inbound, log },
        { maxBodyBytes: 4096 },
      )
      let done = 0
      let waited = 0
      await inbound.consume(async (record) => {
        await bridge.handle(record)
        done++
        waited += Date.now() - record.receivedAt
      })
      const args = JSON.stringify([redisServer, prefix, chats, rate, seconds + 3])
      const child = spawn(process.execPath, ['--import', 'tsx', process.argv[1]!, 'append', args], {
        stdio: 'inherit',
      })
      await new Promise((r) => setTimeout(r, 3000)) // the JIT and the batch sizes settle
      const [cpu, redisCpu, done0, waited0] = [process.cpuUsage(), cpuSeconds(redisPid), done, waited]
      await new Promise((r) => child.on('exit', r))
      const used = process.cpuUsage(cpu)
      const n = done - done0
      const perSend = (s: number) => ((s / n) * 1e6).toFixed(0)
      rows.push(
        `| ${rate.toLocaleString('en-US')} | ${lingerMs} | ${n} | ${perSend((used.user + used.system) / 1e6)} | ${perSend(cpuSeconds(redisPid) - redisCpu)} | ${((waited - waited0) / n).toFixed(1)} |`,
      )
      console.log(rows.at(-1))
      await inbound.close()
    }
  await bus.close()
  await client.execute(`DROP KEYSPACE ${keyspace}`)
  redis.disconnect()
} finally {
  await client.shutdown()
  await Promise.all([redisServer.stop(), cassandraServer.stop()])
}
console.log(
  [
    '',
    '| sends/s | linger ms | sends measured | bridge CPU µs/send | Redis CPU µs/send (appends included) | mean append → stored ms |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n'),
)
process.exit(0)
