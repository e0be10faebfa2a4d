import mqtt, { type MqttClient } from 'mqtt'
import pino from 'pino'
import { DirectInboundLog, SqliteStore, createBridge } from '@tidings/bridge'
import { decodeServerEnvelope, type tidings } from '@tidings/proto'
import { createBroker, createTokenService, listenTcp } from '../src/index.ts'

/** A broker + bridge on an in-memory SQLite store, listening on a free port. */
export async function startNode() {
  const log = pino({ level: 'silent' })
  const store = new SqliteStore({ path: ':memory:' })
  const tokens = createTokenService('test-secret-that-is-long-enough-000')
  const inbound = new DirectInboundLog()
  const broker = await createBroker({ tokens, inbound, log }, { maxBodyBytes: 65536 })
  const bridge = createBridge(
    { messages: store, chats: store, bus: { publish: broker.publish, close: async () => {} }, inbound, log },
    { maxBodyBytes: 65536 },
  )
  await bridge.start()
  const tcp = await listenTcp(broker, 0, '127.0.0.1')
  return {
    broker,
    store,
    tokens,
    url: `mqtt://127.0.0.1:${tcp.port}`,
    async connect(userId: string, deviceId: string) {
      const client = mqtt.connect(`mqtt://127.0.0.1:${tcp.port}`, {
        clientId: `${userId}/${deviceId}`,
        password: await tokens.issue(userId),
        username: userId,
        reconnectPeriod: 0,
        protocolVersion: 4,
      })
      const events: tidings.v1.ServerEnvelope[] = []
      client.on('message', (_t, p) => events.push(decodeServerEnvelope(p)))
      await new Promise((resolve, reject) => client.once('connect', resolve).once('error', reject))
      return Object.assign(client, { events }) as MqttClient & { events: tidings.v1.ServerEnvelope[] }
    },
    async close() {
      await tcp.close()
      await bridge.close()
      await store.close()
    },
  }
}
