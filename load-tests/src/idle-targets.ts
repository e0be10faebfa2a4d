import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startEmbeddedProcess, type EmbeddedProcess } from './embedded-process.ts'
import type { IdleTarget } from './idle-soak.ts'
import type { MosquittoServer } from './servers.ts'

const GC_ON_SIGNAL = fileURLToPath(new URL('./gc-on-signal.mjs', import.meta.url))

/** Embedded platforms started so their RSS can be read on a settled heap (SIGUSR2 forces a GC). */
export async function startMeasuredPlatforms(
  count: number,
  extraNodeArgs: string[] = [],
): Promise<{ platforms: EmbeddedProcess[]; jwtSecret: string; stop(): Promise<void> }> {
  const jwtSecret = randomBytes(32).toString('base64url')
  const platforms = await Promise.all(
    Array.from({ length: count }, () =>
      startEmbeddedProcess(['--expose-gc', '--import', GC_ON_SIGNAL, ...extraNodeArgs], {
        TIDINGS_JWT_SECRET: jwtSecret,
        TIDINGS_LOG_LEVEL: 'info', // the ready line is logged at info
      }),
    ),
  )
  return { platforms, jwtSecret, stop: async () => void (await Promise.all(platforms.map((p) => p.stop()))) }
}

export function tidingsIdleTarget(name: string, platforms: EmbeddedProcess[], jwtSecret: string): IdleTarget {
  return {
    name,
    brokers: platforms.map((p) => {
      const url = new URL(p.mqttUrl)
      return {
        host: url.hostname,
        port: Number(url.port),
        pid: p.pid,
        forceGc: () => process.kill(p.pid, 'SIGUSR2'),
        heap: () => lastGcReport(p.pid),
      }
    }),
    jwtSecret,
    subscribe: [], // the broker subscribes each device to u/<user> and u/<user>/<device> at CONNECT
  }
}

export function mosquittoIdleTarget(mosquitto: MosquittoServer): IdleTarget {
  const url = new URL(mosquitto.url)
  return {
    name: 'Mosquitto',
    brokers: [{ host: url.hostname, port: Number(url.port), pid: mosquitto.pid }],
    // The same two subscriptions a Tidings device holds, so both brokers keep the same state.
    subscribe: ['u/{user}', 'u/{user}/d'],
  }
}

/** The JS heap of a measured platform after its last forced GC (written by gc-on-signal.mjs). */
function lastGcReport(pid: number): { heapUsed: number; heapTotal: number } | undefined {
  try {
    return JSON.parse(readFileSync(join(tmpdir(), `tidings-gc-${pid}.json`), 'utf8')) as {
      heapUsed: number
      heapTotal: number
    }
  } catch {
    return undefined
  }
}
