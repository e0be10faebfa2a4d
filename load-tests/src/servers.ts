import { execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { SERVER_NODE_FLAGS } from '@tidings/platform/node-flags'
import { freePorts, startCassandra, startRedis } from '@tidings/bridge/local-servers'
import { startLocalCluster } from '@tidings/platform/local-cluster'
import { warmCassandra } from './cassandra-warmup.ts'
import { pidFromFile } from './proc-stats.ts'
import { startEmbeddedProcess } from './embedded-process.ts'

const run = promisify(execFile)
const MOSQUITTO = fileURLToPath(new URL('../../tools/mosquitto/run.sh', import.meta.url))

export interface MosquittoServer {
  url: string
  /** The broker's process id (for RSS and CPU readings). */
  readonly pid: number
  /** Stops the broker (SIGTERM) and starts it again on the same port. */
  restart(): Promise<void>
  stop(): Promise<void>
}

/** Debian's Mosquitto (installed if missing) on a free port: the baseline relay. */
export async function startMosquitto(): Promise<MosquittoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-mosquitto-'))
  const [port] = await freePorts(1)
  const start = async () => {
    await run(MOSQUITTO, ['start', dir, String(port)])
    return pidFromFile(join(dir, 'mosquitto.pid'))!
  }
  let pid = await start()
  return {
    url: `mqtt://127.0.0.1:${port}`,
    get pid() {
      return pid
    },
    async restart() {
      await run(MOSQUITTO, ['stop', dir])
      pid = await start()
    },
    async stop() {
      await run(MOSQUITTO, ['stop', dir])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface AedesRelay {
  url: string
  readonly pid: number
  stop(): Promise<void>
}

const AEDES_RELAY = fileURLToPath(new URL('./aedes-relay.ts', import.meta.url))

/** Stock Aedes as a bare relay in its own process (src/aedes-relay.ts): the framework baseline. */
export async function startAedesRelay(): Promise<AedesRelay> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', AEDES_RELAY], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = once(child, 'exit')
  const port = await Promise.race([
    once(createInterface({ input: child.stdout! }), 'line').then(
      ([line]) => (JSON.parse(line) as { port: number }).port,
    ),
    exited.then(([code]) => Promise.reject(new Error(`the Aedes relay exited with ${code} while starting`))),
  ])
  return {
    url: `mqtt://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

export interface ClusterStack {
  /** MQTT URLs of the brokers. */
  brokers: string[]
  /** How many brokers and bridges run, e.g. "2 brokers, 2 bridges". */
  layout: string
  httpUrl: string
  /** Every server process: brokers, bridges, API, Redis and Cassandra (when started here). */
  pids(): number[]
  stop(): Promise<void>
}

/**
 * Redis, a Cassandra node (TIDINGS_TEST_CASSANDRA reuses a running one), brokers, bridges and the
 * API as separate processes: by default `npm run cluster`'s layout of 2 brokers and 2 bridges;
 * BENCH_CLUSTER_BROKERS and BENCH_CLUSTER_BRIDGES change the counts.
 */
export async function startClusterStack(
  say: (line: string) => void,
  nodeArgs?: string[],
): Promise<ClusterStack> {
  say('starting Redis and Cassandra…')
  const [redis, cassandra] = await Promise.all([startRedis(), startCassandra()])
  try {
    // A node started just now (not one reused through TIDINGS_TEST_CASSANDRA) compiles its hot
    // paths during the first minutes of load: warm it first, as a production node would be.
    const warmupS = Number(process.env.BENCH_CASSANDRA_WARMUP_S ?? 60)
    if (cassandra.dir && warmupS > 0) {
      say(`warming Cassandra's JIT up for ${warmupS} s (BENCH_CASSANDRA_WARMUP_S)…`)
      await warmCassandra(cassandra, warmupS)
    }
    const brokers = Number(process.env.BENCH_CLUSTER_BROKERS ?? 2)
    const bridges = Number(process.env.BENCH_CLUSTER_BRIDGES ?? 2)
    const layout = `${brokers} broker${brokers === 1 ? '' : 's'}, ${bridges} bridge${bridges === 1 ? '' : 's'}`
    say(`starting the cluster: ${layout}, API…`)
    const cluster = await startLocalCluster({
      redis,
      cassandra,
      jwtSecret: randomBytes(32).toString('base64url'),
      logDir: join(tmpdir(), `tidings-bench-${process.pid}`),
      env: { TIDINGS_LOG_LEVEL: 'warn' },
      nodeArgs,
      brokers,
      bridges,
    })
    return {
      brokers: cluster.brokers.map((b) => b.endpoints.mqtt!),
      layout,
      httpUrl: cluster.api.endpoints.http!,
      pids: () => [
        ...cluster.processes.map((p) => p.child.pid!),
        ...[
          pidFromFile(join(redis.dir, 'redis.pid')),
          pidFromFile(join(cassandra.dir, 'cassandra.pid')),
        ].filter((pid) => pid !== undefined),
      ],
      async stop() {
        await cluster.stop()
        await Promise.all([redis.stop(), cassandra.stop()])
      },
    }
  } catch (err) {
    await Promise.all([redis.stop(), cassandra.stop()])
    throw err
  }
}

type Embedded = Awaited<ReturnType<typeof startEmbeddedProcess>>
type Mosquitto = Awaited<ReturnType<typeof startMosquitto>>

interface Servers {
  mosquitto?: Mosquitto
  aedesRelay?: AedesRelay
  embedded?: Embedded
  cluster?: ClusterStack
}

/**
 * Starts the servers a scenario needs (in parallel), runs it, and stops them whatever happens.
 * BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to every Tidings process.
 */
export async function withServers<T>(
  need: { [K in keyof Servers]?: boolean },
  say: (line: string) => void,
  body: (servers: Servers) => Promise<T>,
): Promise<T> {
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean)
  const started = await Promise.allSettled([
    need.mosquitto ? startMosquitto() : undefined,
    need.aedesRelay ? startAedesRelay() : undefined,
    need.embedded ? startEmbeddedProcess(nodeArgs) : undefined,
    need.cluster ? startClusterStack(say, nodeArgs) : undefined,
  ] as const)
  const [mosquitto, aedesRelay, embedded, cluster] = started.map((s) =>
    s.status === 'fulfilled' ? s.value : undefined,
  ) as [Mosquitto | undefined, AedesRelay | undefined, Embedded | undefined, ClusterStack | undefined]
  const stopAll = async () => {
    for (const server of [cluster, embedded, aedesRelay, mosquitto])
      await server?.stop().catch((err: unknown) => say(`stop failed: ${String(err)}`))
  }
  const failed = started.find((s) => s.status === 'rejected')
  if (failed) {
    await stopAll()
    throw (failed as PromiseRejectedResult).reason
  }
  try {
    return await body({ mosquitto, aedesRelay, embedded, cluster })
  } finally {
    await stopAll()
  }
}
