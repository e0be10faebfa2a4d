// `npm run cluster`: Redis, a Cassandra node, two brokers, two bridges and the API on this
// machine, each its own process; Ctrl-C stops them all. Data stays in ./.cluster.
import { join, resolve } from 'node:path'
import { startCassandra, startRedis } from '@tidings/bridge/local-servers'
import { jwtSecretFor } from './jwt-secret.ts'
import { startLocalCluster } from './local-cluster.ts'

const dir = resolve(process.env.INIT_CWD ?? process.cwd(), process.env.TIDINGS_CLUSTER_DIR ?? '.cluster')
const say = (line: string) => process.stdout.write(line + '\n')

// Everything started so far, stopped in reverse order on Ctrl-C (also while still starting).
const cleanups: (() => Promise<void>)[] = []
let stopping = false
const stop = async (code: number) => {
  if (stopping) return
  stopping = true
  say('\nstopping the cluster…')
  for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => say(`  ${String(err)}`))
  say('stopped')
  process.exit(code)
}
process.on('SIGINT', () => void stop(0))
process.on('SIGTERM', () => void stop(0))

try {
  say(`starting Redis and Cassandra in ${dir} (the first run downloads Cassandra's jars, ~70 MB)…`)
  const [redis, cassandra] = await Promise.all([
    startRedis({ dir: join(dir, 'redis') }).then((r) => (cleanups.push(r.stop), r)),
    startCassandra({ dir: join(dir, 'cassandra') }).then((c) => (cleanups.push(c.stop), c)),
  ])
  say(`starting 2 bridges, 2 brokers and the API (logs in ${join(dir, 'logs')})…`)
  const cluster = await startLocalCluster({
    redis,
    cassandra,
    jwtSecret: jwtSecretFor(dir, process.env.TIDINGS_JWT_SECRET),
    logDir: join(dir, 'logs'),
    fixedPorts: process.env.TIDINGS_CLUSTER_PORTS !== 'random',
  })
  cleanups.push(cluster.stop)
  if (stopping) await new Promise(() => {}) // Ctrl-C came while starting: stop() is running
  const api = cluster.api.endpoints.http
  say('')
  say('Tidings is running (cluster mode)')
  for (const b of cluster.brokers)
    say(`  ${b.name.padEnd(9)} MQTT ${b.endpoints.mqtt}   WebSocket ${b.endpoints.ws}`)
  say(`  API       ${api}   (OpenAPI: ${api}/openapi.json)`)
  say(`  Metrics   ${cluster.processes.map((p) => p.endpoints.metrics).join('  ')}`)
  say(`  Redis     ${redis.host}:${redis.port}      Cassandra (CQL) ${cassandra.host}:${cassandra.port}`)
  say(
    `  Dev login curl -s -XPOST ${api}/v1/dev/token -H 'content-type: application/json' -d '{"userId":"alice"}'`,
  )
  say('Press Ctrl-C to stop.')
  for (const p of cluster.processes) {
    p.child.on('exit', (code, signal) => {
      if (!stopping) say(`${p.name} exited (${signal ?? code}); see ${join(dir, 'logs', p.name + '.log')}`)
    })
  }
} catch (err) {
  say(`cluster failed to start: ${err instanceof Error ? err.message : String(err)}`)
  await stop(1)
}
