// Cluster mode on this machine against a Mosquitto relay in the same run:
//   npm run bench:cluster --workspace @tidings/load-tests
// Starts Redis, a Cassandra node, 2 brokers, 2 bridges and the API (as for `npm run cluster`),
// and Mosquitto; runs the 1:1 pairs scenario on each at a fixed offered load, then flat out.
// Settings: BENCH_PAIRS (50), BENCH_RATE (5000) or BENCH_RATES (a list), BENCH_WARMUP_S (3), BENCH_MEASURE_S (15),
// BENCH_SATURATION_S (10; 0 skips the flat-out phase), BENCH_WARMUP_RUN_S (15, an unreported run first), BENCH_ONLY (mosquitto|tidings), BENCH_NODE_ARGS.
import { randomBytes } from 'node:crypto'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { startCassandra, startRedis } from '@tidings/bridge/local-servers'
import { startLocalCluster } from '@tidings/platform/local-cluster'
import { runPairs, type PairsOptions, type PairsResult } from './pairs.ts'
import { resultTable, writeReport } from './report.ts'
import { startMosquitto } from './servers.ts'
import { mosquittoTarget } from './targets/mosquitto.ts'
import { tidingsTarget } from './targets/tidings.ts'
import type { Target } from './targets/target.ts'

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const say = (line: string) => process.stdout.write(line + '\n')
const options: PairsOptions = {
  pairs: env('BENCH_PAIRS', 50),
  rate: env('BENCH_RATE', 5000),
  warmupS: env('BENCH_WARMUP_S', 3),
  measureS: env('BENCH_MEASURE_S', 15),
  bodyBytes: 100,
  window: 1000,
  progress: say,
}
const saturationS = env('BENCH_SATURATION_S', 10)
const warmupS = env('BENCH_WARMUP_RUN_S', 15)
// BENCH_RATES="1000,2000,5000": several fixed offered loads in one run (default: BENCH_RATE)
const rates = (process.env.BENCH_RATES ?? String(options.rate)).split(',').map(Number)

say('starting Redis, Cassandra, Mosquitto…')
const [redis, cassandra, mosquitto] = await Promise.all([startRedis(), startCassandra(), startMosquitto()])
const stops: (() => Promise<void>)[] = [redis.stop, cassandra.stop, mosquitto.stop]
try {
  say('starting the cluster: 2 bridges, 2 brokers, API…')
  const cluster = await startLocalCluster({
    redis,
    cassandra,
    jwtSecret: randomBytes(32).toString('base64url'),
    logDir: join(tmpdir(), `tidings-bench-${process.pid}`),
    env: { TIDINGS_LOG_LEVEL: 'warn' },
    // e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile every cluster process
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
  })
  stops.unshift(cluster.stop)
  const targets: (() => Target)[] = [
    () => mosquittoTarget(mosquitto.url),
    () =>
      tidingsTarget('Tidings cluster (2 brokers, 2 bridges)', {
        // Pair i: sender on one broker, receiver on the other; the pairs alternate, so both
        // brokers carry the same load and every message crosses brokers through Redis.
        senderBrokers: cluster.brokers.map((b) => b.endpoints.mqtt!),
        receiverBrokers: [...cluster.brokers].reverse().map((b) => b.endpoints.mqtt!),
        httpUrl: cluster.api.endpoints.http!,
      }),
  ]
  const results: { phase: string; result: PairsResult }[] = []
  const only = process.env.BENCH_ONLY // 'mosquitto' or 'tidings': one target (profiling runs)
  for (const make of targets.filter((_, i) => !only || only === ['mosquitto', 'tidings'][i])) {
    // Warm-up, not reported: JIT in Node and in Cassandra, connection pools, Redis keys.
    const warm = make()
    say(`\n${warm.name}: warming up for ${warmupS} s at 1000/s (not reported)`)
    await runPairs(warm, { ...options, rate: 1000, warmupS: 0, measureS: warmupS, progress: undefined })
    await warm.close()
    for (const rate of rates) {
      const fixed = make()
      say(`\n${fixed.name}: ${options.pairs} pairs at ${rate}/s`)
      results.push({ phase: `fixed ${rate}/s`, result: await runPairs(fixed, { ...options, rate }) })
      await fixed.close()
    }
    if (saturationS > 0) {
      const flatOut = make()
      say(`${flatOut.name}: flat out for ${saturationS} s`)
      results.push({
        phase: 'flat out',
        result: await runPairs(flatOut, { ...options, rate: Infinity, measureS: saturationS }),
      })
      await flatOut.close()
    }
  }
  const [mq, td] = [
    results.find((r) => r.phase === 'flat out' && r.result.target.startsWith('Mosquitto')),
    results.find((r) => r.phase === 'flat out' && r.result.target.startsWith('Tidings')),
  ]
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
  const markdown = [
    `# Cluster benchmark, ${new Date().toISOString()}`,
    '',
    `Machine: ${machine}. Load generator, Mosquitto, Redis, Cassandra and 5 Node processes share it.`,
    `Body ${options.bodyBytes} bytes, QoS 1; latency is send → delivery on the receiving device (receiver on the other broker).`,
    '',
    resultTable(results),
    '',
    mq && td
      ? `Flat-out ratio Tidings / Mosquitto (persisted/s): ${(td.result.persistedPerS / mq.result.persistedPerS).toFixed(2)}`
      : '',
  ].join('\n')
  say('\n' + markdown)
  const files = writeReport(`cluster-${new Date().toISOString().replace(/[:.]/g, '-')}`, markdown, {
    machine,
    options,
    results,
  })
  say(`\nreport: ${files.join(', ')}`)
} finally {
  for (const stop of stops) await stop().catch((err) => say(`stop failed: ${String(err)}`))
}
process.exit(0)
