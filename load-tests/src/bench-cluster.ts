// Cluster mode on this machine against a Mosquitto relay in the same run:
//   npm run bench:cluster --workspace @tidings/load-tests
// Starts Redis, a Cassandra node, 2 brokers, 2 bridges and the API (as for `npm run cluster`),
// and Mosquitto; runs the 1:1 pairs scenario on each at fixed offered loads, then flat out.
// Settings: BENCH_PAIRS (50), BENCH_RATES (a list, default 5000), BENCH_WARMUP_S (3 per phase),
// BENCH_MEASURE_S (15), BENCH_SATURATION_S (10; 0 skips flat out), BENCH_WARMUP_RUN_S (15, an
// unreported run first), BENCH_ONLY (mosquitto|tidings), BENCH_NODE_ARGS (e.g. "--cpu-prof
// --cpu-prof-dir=/tmp/prof" to profile every cluster process).
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startCassandra, startRedis } from '@tidings/bridge/local-servers'
import { startLocalCluster } from '@tidings/platform/local-cluster'
import { comparisonOptionsFromEnv, runBench } from './comparison.ts'
import { startMosquitto } from './servers.ts'
import { mosquittoTarget } from './targets/mosquitto.ts'
import { tidingsTarget } from './targets/tidings.ts'

const say = (line: string) => process.stdout.write(line + '\n')
const options = comparisonOptionsFromEnv(say)

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
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
  })
  stops.unshift(cluster.stop)
  const targets = {
    mosquitto: () => mosquittoTarget(mosquitto.url),
    tidings: () =>
      tidingsTarget('Tidings cluster (2 brokers, 2 bridges)', {
        // Pair i: sender on one broker, receiver on the other; the pairs alternate, so both
        // brokers carry the same load and every message crosses brokers through Redis.
        senderBrokers: cluster.brokers.map((b) => b.endpoints.mqtt!),
        receiverBrokers: [...cluster.brokers].reverse().map((b) => b.endpoints.mqtt!),
        httpUrl: cluster.api.endpoints.http!,
      }),
  }
  await runBench(
    'cluster',
    'Cluster benchmark',
    'Load generator, Mosquitto, Redis, Cassandra and 5 Node processes share it; receivers are on the other broker.',
    targets,
    options,
  )
} finally {
  for (const stop of stops) await stop().catch((err) => say(`stop failed: ${String(err)}`))
}
process.exit(0)
