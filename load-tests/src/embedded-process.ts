import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const ENTRY = fileURLToPath(new URL('../../platform/src/embedded.ts', import.meta.url))

/** `npm start` as its own process (so it does not share the load generator's event loop), on free ports. */
export async function startEmbeddedProcess(
  nodeArgs: string[] = [],
): Promise<{ mqttUrl: string; httpUrl: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tidings-bench-embedded-'))
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ENTRY], {
    env: {
      ...process.env,
      TIDINGS_MQTT_PORT: '0',
      TIDINGS_WS_PORT: '0',
      TIDINGS_HTTP_PORT: '0',
      TIDINGS_DATA_DIR: dataDir,
      TIDINGS_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const endpoints = await new Promise<{ mqtt: string; http: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`embedded platform exited with ${code} while starting`)))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"msg":"listening"')) resolve(JSON.parse(line) as { mqtt: string; http: string })
    })
  })
  child.removeAllListeners('exit')
  return {
    mqttUrl: endpoints.mqtt,
    httpUrl: endpoints.http,
    async stop() {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
