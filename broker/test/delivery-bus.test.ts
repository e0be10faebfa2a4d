import pino from 'pino'
import { inject } from 'vitest'
import { DirectInboundLog, SqliteStore } from '@tidings/bridge'
import { deliveryBusContract } from '@tidings/bridge/testing'
import {
  MemoryPresenceStore,
  createBroker,
  createClusterBus,
  createTokenService,
  redisAedesParts,
  type Broker,
} from '../src/index.ts'

const log = pino({ level: 'silent' })
const tokens = createTokenService('test-secret-that-is-long-enough-000')
const chats = new SqliteStore({ path: ':memory:' })

const listenOn = (broker: Broker) => (topic: string, onPayload: (p: Uint8Array) => void) =>
  new Promise<void>((resolve) =>
    broker.aedes.subscribe(
      topic,
      (packet, done) => {
        onPayload(packet.payload as Buffer)
        done()
      },
      () => resolve(),
    ),
  )

deliveryBusContract({
  name: 'embedded (the broker publishes to its own clients)',
  async create() {
    const broker = await createBroker(
      { tokens, inbound: new DirectInboundLog(), log, chats, presence: new MemoryPresenceStore() },
      { maxBodyBytes: 1024 },
    )
    return {
      bus: { publish: broker.publish, close: async () => {} },
      listen: listenOn(broker),
      close: () => broker.close(),
    }
  },
})

deliveryBusContract({
  name: "cluster (a bridge's bus emits onto mqemitter-redis, a broker delivers)",
  async create() {
    const redis = inject('redis')
    const parts = redisAedesParts(redis, 'broker-b')
    const broker = await createBroker(
      {
        tokens,
        inbound: new DirectInboundLog(),
        log,
        aedes: parts.aedes,
        chats,
        presence: new MemoryPresenceStore(),
      },
      { maxBodyBytes: 1024 },
    )
    const bus = await createClusterBus(redis, 'bridge')
    return {
      bus,
      listen: listenOn(broker),
      async close() {
        await bus.close()
        await broker.close()
        await parts.close()
      },
    }
  },
})
