import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { ServerAddress } from '@tidings/bridge/local-servers'
import { migrate } from './cluster-nodes.ts'
import { loadClusterConfig } from './cluster-config.ts'
import { SERVER_NODE_FLAGS } from './node-flags.ts'

export type Role = 'broker' | 'bridge' | 'api'

export interface LocalClusterOptions {
  redis: ServerAddress
  cassandra: ServerAddress
  jwtSecret: string
  /** Child process logs go to <logDir>/<name>.log. */
  logDir: string
  brokers?: number
  bridges?: number
  /** Fixed ports (1883/8083 for the first broker, +1 for the next, 8080 for the API) or 0 for any free one. */
  fixedPorts?: boolean
  /** Extra TIDINGS_* settings for every process (keyspace, key prefix, lease, log level…). */
  env?: Record<string, string>
  /** Extra node flags for every process, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeArgs?: string[]
}

export interface ClusterProcess {
  name: string
  role: Role
  child: ChildProcess
  endpoints: Record<string, string>
}

export interface LocalCluster {
  processes: ClusterProcess[]
  brokers: ClusterProcess[]
  bridges: ClusterProcess[]
  api: ClusterProcess
  /** Starts another process of a role (e.g. a bridge to replace a killed one); pass ports when fixed. */
  spawn(role: Role, name: string, env?: Record<string, string>): Promise<ClusterProcess>
  stop(): Promise<void>
}

const NODE_ENTRY = fileURLToPath(new URL('./node.ts', import.meta.url))

/**
 * Brokers, bridges and the API as separate OS processes on one machine, sharing one Redis and
 * one Cassandra node: what `npm run cluster` runs, and what the cluster tests kill pieces of.
 */
export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  mkdirSync(options.logDir, { recursive: true })
  const baseEnv: Record<string, string> = {
    TIDINGS_JWT_SECRET: options.jwtSecret,
    TIDINGS_REDIS: `${options.redis.host}:${options.redis.port}`,
    TIDINGS_CASSANDRA_CONTACT_POINTS: `${options.cassandra.host}:${options.cassandra.port}`,
    TIDINGS_DEV_LOGIN: 'true',
    ...options.env,
  }
  await migrate(loadClusterConfig({ ...process.env, ...baseEnv }))

  const processes: ClusterProcess[] = []
  const spawnNode = (role: Role, name: string, env: Record<string, string> = {}) =>
    new Promise<ClusterProcess>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [...SERVER_NODE_FLAGS, ...(options.nodeArgs ?? []), '--import', 'tsx', NODE_ENTRY, role],
        {
          env: { ...process.env, ...baseEnv, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      const logFile = createWriteStream(join(options.logDir, `${name}.log`), { flags: 'a' })
      const tail: string[] = [] // the last lines of output, for the error if it dies while starting
      const keep = (line: string) => {
        tail.push(line)
        if (tail.length > 20) tail.shift()
      }
      createInterface({ input: child.stderr! }).on('line', (line) => {
        logFile.write(line + '\n')
        keep(line)
      })
      const timeout = setTimeout(() => fail(new Error(`${name} did not become ready in 60 s`)), 60_000)
      const fail = (err: Error) => {
        clearTimeout(timeout)
        child.kill('SIGKILL')
        reject(new Error(`${err.message}\n${tail.join('\n')}`))
      }
      child.once('exit', (code) => fail(new Error(`${name} exited with ${code} while starting`)))
      createInterface({ input: child.stdout! }).on('line', (line) => {
        logFile.write(line + '\n')
        keep(line)
        if (!line.includes('"msg":"ready"')) return
        clearTimeout(timeout)
        child.removeAllListeners('exit')
        const proc = { name, role, child, endpoints: JSON.parse(line).endpoints as Record<string, string> }
        processes.push(proc)
        resolve(proc)
      })
    })

  const ports = (i: number, role: Role): Record<string, string> => {
    if (!options.fixedPorts) {
      return {
        TIDINGS_MQTT_PORT: '0',
        TIDINGS_WS_PORT: '0',
        TIDINGS_HTTP_PORT: '0',
        TIDINGS_METRICS_PORT: '0',
      }
    }
    if (role === 'api') return { TIDINGS_HTTP_PORT: '8080' }
    if (role === 'bridge') return { TIDINGS_METRICS_PORT: String(9474 + i) }
    return {
      TIDINGS_MQTT_PORT: String(1883 + i),
      TIDINGS_WS_PORT: String(8083 + i),
      TIDINGS_METRICS_PORT: String(9464 + i),
    }
  }
  const count = (n: number | undefined) => Array.from({ length: n ?? 2 }, (_, i) => i)
  try {
    const bridges = await Promise.all(
      count(options.bridges).map((i) => spawnNode('bridge', `bridge-${i + 1}`, ports(i, 'bridge'))),
    )
    const brokers = await Promise.all(
      count(options.brokers).map((i) => spawnNode('broker', `broker-${i + 1}`, ports(i, 'broker'))),
    )
    const api = await spawnNode('api', 'api', ports(0, 'api'))
    const spawnMore = (role: Role, name: string, env: Record<string, string> = {}) =>
      spawnNode(role, name, { ...(options.fixedPorts ? {} : ports(0, role)), ...env })
    return { processes, brokers, bridges, api, spawn: spawnMore, stop: () => stopAll(processes) }
  } catch (err) {
    await stopAll(processes)
    throw err
  }
}

async function stopAll(processes: ClusterProcess[]): Promise<void> {
  await Promise.all(
    processes.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000)
          child.once('exit', () => {
            clearTimeout(force)
            resolve()
          })
          child.kill('SIGTERM')
        }),
    ),
  )
}
