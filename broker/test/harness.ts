import mqtt, { type MqttClient } from 'mqtt'
import pino from 'pino'
import { Registry } from 'prom-client'
import { DirectInboundLog, SqliteStore, createBridge } from '@tidings/bridge'
import { decodeServerEnvelope, type tidings } from '@tidings/proto'
import {
  MemoryPresenceStore,
  createBroker,
  createTokenService,
  listenTcp,
  redisAedesParts,
  type RedisAddress,
} from '../src/index.ts'

/**
 * A broker + bridge on an in-memory SQLite store, listening on a free port; with `redis`, the
 * broker runs on mqemitter-redis and aedes-persistence-redis as in a cluster.
 */
export async function startNode(redis?: RedisAddress) {
  const log = pino({ level: 'silent' })
  const store = new SqliteStore({ path: ':memory:' })
  const tokens = createTokenService('test-secret-that-is-long-enough-000')
  const inbound = new DirectInboundLog()
  const parts = redis && redisAedesParts(redis, 'test')
  const metrics = new Registry()
  const broker = await createBroker(
    { tokens, inbound, log, aedes: parts?.aedes, chats: store, presence: new MemoryPresenceStore(), metrics },
    { maxBodyBytes: 65536 },
  )
  const bridge = createBridge(
    { messages: store, chats: store, bus: { publish: broker.publish, close: async () => {} }, inbound, log },
    { maxBodyBytes: 65536 },
  )
  await bridge.start()
  const tcp = await listenTcp(broker, 0, '127.0.0.1')
  return {
    broker,
    store,
    metrics,
    tokens,
    url: `mqtt://127.0.0.1:${tcp.port}`,
    async connect(userId: string, deviceId: string, options: { clean?: boolean } = {}) {
      const client = mqtt.connect(`mqtt://127.0.0.1:${tcp.port}`, {
        clientId: `${userId}/${deviceId}`,
        password: await tokens.issue(userId),
        username: userId,
        reconnectPeriod: 0,
        protocolVersion: 4,
        clean: options.clean ?? true,
      })
      const events: tidings.v1.ServerEnvelope[] = []
      client.on('message', (_t, p) => events.push(decodeServerEnvelope(p)))
      await new Promise((resolve, reject) => client.once('connect', resolve).once('error', reject))
      return Object.assign(client, { events }) as MqttClient & { events: tidings.v1.ServerEnvelope[] }
    },
    async close() {
      await tcp.close()
      await bridge.close()
      await broker.close()
      await parts?.close()
      await store.close()
    },
  }
}

/** Polls `condition` every 10 ms until it holds; fails with `what` after `ms`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000) {
  const deadline = Date.now() + ms
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}
