import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { SERVER_NODE_FLAGS } from '@tidings/platform/node-flags'

const ENTRY = fileURLToPath(new URL('../../platform/src/embedded.ts', import.meta.url))

export interface EmbeddedProcess {
  mqttUrl: string
  httpUrl: string
  /** The current process (a restart makes a new one). */
  readonly pid: number
  /** Kills the process with `signal` and starts it again on the same ports and data. */
  restart(signal?: NodeJS.Signals): Promise<void>
  stop(): Promise<void>
}

/** `npm start` as its own process (so it does not share the load generator's event loop), on free ports. */
export async function startEmbeddedProcess(
  nodeArgs: string[] = [],
  /** Extra TIDINGS_* settings (a fixed JWT secret, a log level…). */
  env: Record<string, string> = {},
): Promise<EmbeddedProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tidings-bench-embedded-'))
  const settings: Record<string, string> = {
    TIDINGS_MQTT_PORT: '0',
    TIDINGS_WS_PORT: '0',
    TIDINGS_HTTP_PORT: '0',
    TIDINGS_DATA_DIR: dataDir,
    TIDINGS_LOG_LEVEL: 'info',
    ...env,
  }
  const launch = async () => {
    // As `npm start` runs it: the same flags (platform/src/node-flags.ts), then the benchmark's.
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, '--import', 'tsx', ENTRY], {
      env: { ...process.env, ...settings },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const endpoints = await new Promise<{ mqtt: string; ws: string; http: string }>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`embedded platform exited with ${code} while starting`)))
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.includes('"msg":"listening"'))
          resolve(JSON.parse(line) as { mqtt: string; ws: string; http: string })
      })
    })
    child.removeAllListeners('exit')
    // A restart comes back on the same ports.
    settings.TIDINGS_MQTT_PORT = new URL(endpoints.mqtt).port
    settings.TIDINGS_WS_PORT = new URL(endpoints.ws).port
    settings.TIDINGS_HTTP_PORT = new URL(endpoints.http).port
    return { child, endpoints }
  }
  const exited = (child: ChildProcess, signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill(signal)
    })
  let { child, endpoints } = await launch()
  return {
    mqttUrl: endpoints.mqtt,
    httpUrl: endpoints.http,
    get pid() {
      return child.pid!
    },
    async restart(signal = 'SIGKILL') {
      await exited(child, signal)
      ;({ child, endpoints } = await launch())
    },
    async stop() {
      await exited(child, 'SIGTERM')
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
