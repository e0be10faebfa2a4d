// `npm start`: the embedded platform. The only file that reads the environment.
import { resolve } from 'node:path'
import pino from 'pino'
import { loadConfig } from './config.ts'
import { startEmbeddedPlatform, type RunningPlatform } from './embedded-platform.ts'

// `npm start` runs this in platform/; relative paths mean the folder the user typed it in.
const config = loadConfig({
  ...process.env,
  TIDINGS_DATA_DIR: resolve(process.env.INIT_CWD ?? process.cwd(), process.env.TIDINGS_DATA_DIR ?? '.data'),
})
const log = pino({ level: config.logLevel, base: { service: 'tidings' } })

// Handlers go in before anything is announced: until process.on() runs, SIGTERM kills outright.
const running: { platform?: RunningPlatform } = {}
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 10_000).unref()
    Promise.resolve(running.platform?.close()).then(
      () => {
        clearTimeout(force)
        log.info('stopped')
        process.exit(0)
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed')
        process.exit(1)
      },
    )
  })
}

const platform = await startEmbeddedPlatform(config, log)
running.platform = platform
if (stopping) await platform.close() // a signal arrived while starting

process.stdout.write(
  [
    '',
    'Tidings is running (embedded mode)',
    `  MQTT over TCP        ${platform.mqttUrl}`,
    `  MQTT over WebSocket  ${platform.wsUrl}`,
    `  REST API             ${platform.httpUrl}   (OpenAPI: ${platform.httpUrl}/openapi.json)`,
    `  Data directory       ${platform.dataDir}`,
    config.devLogin
      ? `  Dev login            curl -s -XPOST ${platform.httpUrl}/v1/dev/token -H 'content-type: application/json' -d '{"userId":"alice"}'`
      : '',
    '',
  ].join('\n') + '\n',
)
log.info(
  { mqtt: platform.mqttUrl, ws: platform.wsUrl, http: platform.httpUrl, dataDir: platform.dataDir },
  'listening',
)
