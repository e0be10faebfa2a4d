// `npm start`: the embedded platform. The only file that reads the environment.
import { resolve } from 'node:path'
import pino from 'pino'
import { loadConfig } from './config.ts'
import { startEmbeddedPlatform } from './embedded-platform.ts'
import { runUntilSignal } from './until-signal.ts'

// `npm start` runs this in platform/; relative paths mean the folder the user typed it in.
const config = loadConfig({
  ...process.env,
  TIDINGS_DATA_DIR: resolve(process.env.INIT_CWD ?? process.cwd(), process.env.TIDINGS_DATA_DIR ?? '.data'),
})
const log = pino({ level: config.logLevel, base: { service: 'tidings' } })

const platform = await runUntilSignal(log, () => startEmbeddedPlatform(config, log))

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
