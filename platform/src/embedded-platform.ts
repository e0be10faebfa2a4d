import { resolve, join } from 'node:path'
import type { Logger } from 'pino'
import { createApi } from '@tidings/api'
import { DirectInboundLog, SqliteStore, createBridge, type DeliveryBus } from '@tidings/bridge'
import {
  MemoryPresenceStore,
  createBroker,
  createTokenService,
  listenTcp,
  listenWebSocket,
} from '@tidings/broker'
import type { EmbeddedConfig } from './config.ts'
import { listenHttp } from './http.ts'
import { jwtSecretFor } from './jwt-secret.ts'
import { processRegistry } from './metrics.ts'

export interface RunningPlatform {
  mqttUrl: string
  wsUrl: string
  httpUrl: string
  dataDir: string
  close(): Promise<void>
}

/**
 * Embedded mode: broker, bridge and API in this process, the SQLite store on local disk and
 * no external servers. The same factories as cluster mode, wired to in-process parts.
 */
export async function startEmbeddedPlatform(config: EmbeddedConfig, log: Logger): Promise<RunningPlatform> {
  const dataDir = resolve(config.dataDir)
  let rosterChanged = (_chatId: string) => {} // the broker's, once it exists
  const store = new SqliteStore({
    path: join(dataDir, 'tidings.sqlite'),
    synchronous: config.sqliteSync,
    appendThread: config.sqliteAppendThread,
    walLimitPages: (config.sqliteWalLimitMb * 1024 * 1024) / 4096,
    onRosterChange: (chatId) => rosterChanged(chatId),
  })
  const tokens = createTokenService(jwtSecretFor(dataDir, config.jwtSecret))
  const inbound = new DirectInboundLog()
  const metrics = processRegistry('tidings')
  const broker = await createBroker(
    {
      tokens,
      inbound,
      chats: store,
      presence: new MemoryPresenceStore(),
      log: log.child({ component: 'broker' }),
      metrics,
    },
    config.broker,
  )
  rosterChanged = (chatId) => broker.rosterChanged(chatId)
  const bus: DeliveryBus = {
    publish: (topic, payload) => broker.publish(topic, payload),
    close: async () => {},
  }
  const bridge = createBridge(
    { messages: store, chats: store, bus, inbound, log: log.child({ component: 'bridge' }), metrics },
    { maxBodyBytes: config.maxBodyBytes },
  )
  await bridge.start()

  const tcp = await listenTcp(broker, config.mqttPort, config.host)
  const ws = await listenWebSocket(broker, config.wsPort, config.host)
  const api = createApi(
    { chats: store, messages: store, tokens, bus, log: log.child({ component: 'api' }), metrics },
    { devLogin: config.devLogin },
  )
  const http = await listenHttp(api.fetch, config.httpPort, config.host)

  return {
    mqttUrl: `mqtt://${config.host}:${tcp.port}`,
    wsUrl: `ws://${config.host}:${ws.port}/mqtt`,
    httpUrl: http.url,
    dataDir,
    async close() {
      await http.close()
      await ws.close()
      await tcp.close()
      await bridge.close()
      await store.close()
    },
  }
}
