import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import pino from 'pino'
import { TidingsClient, devToken, type ChatMessage } from '@tidings/sdk'

export { devToken }
import { loadConfig, startEmbeddedPlatform, type RunningPlatform } from '../src/index.ts'
import { SERVER_NODE_FLAGS } from '../src/node-flags.ts'

export const tempDir = (prefix = 'tidings-test-') => mkdtempSync(join(tmpdir(), prefix))

export interface Endpoints {
  mqttUrl: string
  wsUrl: string
  httpUrl: string
}

/** The embedded platform in this process, on free ports and a fresh data dir. */
export async function startPlatform(
  env: Record<string, string> = {},
): Promise<RunningPlatform & { cleanup(): Promise<void> }> {
  const dataDir = env.TIDINGS_DATA_DIR ?? tempDir()
  const config = loadConfig({
    TIDINGS_MQTT_PORT: '0',
    TIDINGS_WS_PORT: '0',
    TIDINGS_HTTP_PORT: '0',
    TIDINGS_DATA_DIR: dataDir,
    ...env,
  })
  const platform = await startEmbeddedPlatform(
    config,
    pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  )
  return {
    ...platform,
    async cleanup() {
      await platform.close()
      if (!env.TIDINGS_DATA_DIR) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The embedded platform as a real child process (`npm start`'s entry), for kill -9 tests. */
export async function spawnPlatform(dataDir: string): Promise<Endpoints & { child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, '--import', 'tsx', join(import.meta.dirname, '..', 'src', 'embedded.ts')],
    {
      env: {
        ...process.env,
        TIDINGS_DATA_DIR: dataDir,
        TIDINGS_MQTT_PORT: '0',
        TIDINGS_WS_PORT: '0',
        TIDINGS_HTTP_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const lines = createInterface({ input: child.stdout! })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('platform did not start in 30 s')), 30_000)
    child.once('exit', (code) => reject(new Error(`platform exited with ${code}`)))
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return
      const entry = JSON.parse(line) as { msg?: string; mqtt: string; ws: string; http: string }
      if (entry.msg !== 'listening') return
      clearTimeout(timer)
      resolve({ mqttUrl: entry.mqtt, wsUrl: entry.ws, httpUrl: entry.http, child })
    })
  })
}

/** A connected SDK client that records every message it releases. */
export async function connectDevice(
  at: Endpoints,
  userId: string,
  deviceId: string,
  transport: 'tcp' | 'ws' = 'tcp',
): Promise<TidingsClient & { received: ChatMessage[] }> {
  const token = await devToken(at.httpUrl, userId)
  const client = await TidingsClient.connect({
    url: transport === 'tcp' ? at.mqttUrl : at.wsUrl,
    apiUrl: at.httpUrl,
    token,
    userId,
    deviceId,
  })
  const received: ChatMessage[] = []
  client.onMessage((m) => received.push(m))
  return Object.assign(client, { received })
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

export const seqsOf = (messages: ChatMessage[], chatId: string) =>
  messages.filter((m) => m.chatId === chatId).map((m) => m.seq)
export const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

/** A Prometheus metric from a /metrics text: the sum over all of its labelled series. */
export const metricSum = (text: string, name: string): number =>
  [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce(
    (sum, m) => sum + Number(m[1]),
    0,
  )
