import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const TOOLS = fileURLToPath(new URL('../../tools/', import.meta.url))

export interface ServerAddress {
  host: string
  port: number
}

export interface RunningServer extends ServerAddress {
  dir: string
  stop(): Promise<void>
}

const tool = async (script: string, args: string[], env: Record<string, string> = {}): Promise<string> =>
  (await run(join(TOOLS, script), args, { env: { ...process.env, ...env }, maxBuffer: 1 << 24 })).stdout

export async function freePorts(n: number): Promise<number[]> {
  return (await tool('cassandra/run.sh', ['free-port', String(n)])).trim().split(/\s+/).map(Number)
}

/** `host:port` from an env var: reuse a server someone else started (e.g. the root test script). */
const fromEnv = (name: string): RunningServer | undefined => {
  const value = process.env[name]
  if (!value) return undefined
  const [host, port] = value.split(':')
  return { host: host!, port: Number(port), dir: '', stop: async () => {} }
}

export interface StartOptions {
  /** Keep the data here (and keep it on stop); default: a temporary dir removed on stop. */
  dir?: string
}

const dirFor = (options: StartOptions, name: string) => {
  if (!options.dir) return { dir: mkdtempSync(join(tmpdir(), `tidings-${name}-`)), temporary: true }
  mkdirSync(options.dir, { recursive: true })
  return { dir: options.dir, temporary: false }
}

/** A redis-server (Debian's package, installed if missing) on a free port, AOF on. */
export async function startRedis(options: StartOptions = {}): Promise<RunningServer> {
  const reused = options.dir ? undefined : fromEnv('TIDINGS_TEST_REDIS')
  if (reused) return reused
  await tool('redis/run.sh', ['ensure'])
  const { dir, temporary } = dirFor(options, 'redis')
  const [port] = await freePorts(1)
  await tool('redis/run.sh', ['start', dir, String(port)])
  await tool('redis/run.sh', ['wait', dir, String(port)])
  return {
    host: '127.0.0.1',
    port: port!,
    dir,
    async stop() {
      await tool('redis/run.sh', ['stop', dir])
      if (temporary) rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** An Apache Cassandra 5 node (jars from Maven Central, JDK 17) on free ports. */
export async function startCassandra(options: StartOptions = {}): Promise<RunningServer> {
  const reused = options.dir ? undefined : fromEnv('TIDINGS_TEST_CASSANDRA')
  if (reused) return reused
  await tool('cassandra/run.sh', ['fetch'])
  const { dir, temporary } = dirFor(options, 'cassandra')
  const [native, storage, jmx] = await freePorts(3)
  const env = {
    CASSANDRA_NATIVE_PORT: String(native),
    CASSANDRA_STORAGE_PORT: String(storage),
    CASSANDRA_JMX_PORT: String(jmx),
    CASSANDRA_FAST: '1',
  }
  await tool('cassandra/run.sh', ['start', dir], env)
  await tool('cassandra/run.sh', ['wait', dir, '180'], env)
  return {
    host: '127.0.0.1',
    port: native!,
    dir,
    async stop() {
      await tool('cassandra/run.sh', ['stop', dir])
      if (temporary) rmSync(dir, { recursive: true, force: true })
    },
  }
}
