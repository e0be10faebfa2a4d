import { serve } from '@hono/node-server'
import cassandra from 'cassandra-driver'
import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { createApi } from '@tidings/api'
import { CqlStore, RedisInboundLog, RedisSequenceAllocator, createBridge, migrateCql } from '@tidings/bridge'
import {
  createBroker,
  createClusterBus,
  createTokenService,
  listenTcp,
  listenWebSocket,
  redisAedesParts,
} from '@tidings/broker'
import type { ClusterConfig } from './cluster-config.ts'

/** One cluster process; `endpoints` is what it listens on (empty for a bridge). */
export interface ClusterNode {
  endpoints: Record<string, string>
  close(): Promise<void>
}

const CHAT_CHANGED = 'chat-changed'

function connectRedis(config: ClusterConfig, log: Logger): Redis {
  // Auto-pipelining: the commands of one event-loop turn (XADDs of one socket read, XACKs, seq
  // scripts) go out in one write.
  const redis = new Redis({ ...config.redis, maxRetriesPerRequest: null, enableAutoPipelining: true })
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis'))
  return redis
}

async function connectCassandra(config: ClusterConfig): Promise<cassandra.Client> {
  const client = new cassandra.Client({
    contactPoints: config.cassandra.contactPoints,
    localDataCenter: config.cassandra.localDataCenter,
    keyspace: config.cassandra.keyspace,
    queryOptions: { consistency: cassandra.types.consistencies.localQuorum, prepare: true },
  })
  await client.connect()
  return client
}

/** Creates the keyspace and applies schema migrations; run once before the services start. */
export async function migrate(config: ClusterConfig): Promise<number> {
  const client = new cassandra.Client({
    contactPoints: config.cassandra.contactPoints,
    localDataCenter: config.cassandra.localDataCenter,
  })
  await client.connect()
  try {
    return await migrateCql(client, config.cassandra)
  } finally {
    await client.shutdown()
  }
}

function openStore(config: ClusterConfig, client: cassandra.Client, redis: Redis): CqlStore {
  return new CqlStore({
    client,
    sequences: new RedisSequenceAllocator({ redis, prefix: config.redisPrefix }),
    // Someone else (the API) changed a roster: publish, so every bridge re-reads it.
    onRosterChange: (chatId) => void redis.publish(config.redisPrefix + CHAT_CHANGED, chatId),
  })
}

/** An Aedes node: MQTT over TCP and WebSocket; its sends go to the Redis inbound log. */
export async function startBrokerNode(config: ClusterConfig, log: Logger): Promise<ClusterNode> {
  const redis = connectRedis(config, log)
  const parts = redisAedesParts(config.redis, 'broker', (err) =>
    log.warn({ err: err.message }, 'aedes redis'),
  )
  const inbound = new RedisInboundLog({ redis, prefix: config.redisPrefix, partitions: config.partitions })
  const broker = await createBroker(
    { tokens: createTokenService(config.jwtSecret), inbound, log, aedes: parts.aedes },
    { maxBodyBytes: config.maxBodyBytes },
  )
  const tcp = await listenTcp(broker, config.mqttPort, config.host)
  const ws = await listenWebSocket(broker, config.wsPort, config.host)
  return {
    endpoints: { mqtt: `mqtt://${config.host}:${tcp.port}`, ws: `ws://${config.host}:${ws.port}/mqtt` },
    async close() {
      await ws.close()
      await tcp.close()
      await broker.close()
      await parts.close()
      redis.disconnect()
    },
  }
}

/** A persistence bridge: owns a share of the inbound partitions, writes to Cassandra, fans out. */
export async function startBridgeNode(config: ClusterConfig, log: Logger): Promise<ClusterNode> {
  const redis = connectRedis(config, log)
  const subscriber = connectRedis(config, log)
  const client = await connectCassandra(config)
  const store = openStore(config, client, redis)
  await subscriber.subscribe(config.redisPrefix + CHAT_CHANGED)
  subscriber.on('message', (_channel, chatId: string) => store.invalidate(chatId))
  const inbound = new RedisInboundLog({
    redis,
    prefix: config.redisPrefix,
    partitions: config.partitions,
    leaseMs: config.leaseMs,
    onError: (err, what) => log.warn({ err: String(err), what }, 'inbound log'),
  })
  const bus = await createClusterBus(config.redis, 'bridge', (err) => log.warn({ err: err.message }, 'bus'))
  const bridge = createBridge({ messages: store, chats: store, bus, inbound, log }, config)
  await bridge.start()
  return {
    endpoints: {},
    async close() {
      await bridge.close()
      await bus.close()
      await store.close()
      await client.shutdown()
      subscriber.disconnect()
      redis.disconnect()
    },
  }
}

/** The REST API on the cluster's store; chat updates reach members through the cluster bus. */
export async function startApiNode(config: ClusterConfig, log: Logger): Promise<ClusterNode> {
  const redis = connectRedis(config, log)
  const client = await connectCassandra(config)
  const store = openStore(config, client, redis)
  const bus = await createClusterBus(config.redis, 'api', (err) => log.warn({ err: err.message }, 'bus'))
  const api = createApi(
    {
      chats: store,
      messages: store,
      tokens: createTokenService(config.jwtSecret),
      bus,
      log,
      ready: () =>
        Promise.all([redis.ping(), client.execute('SELECT now() FROM system.local')]).then(
          () => true,
          () => false,
        ),
    },
    { devLogin: config.devLogin },
  )
  const http = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const server = serve({ fetch: api.fetch, port: config.httpPort, hostname: config.host }, () =>
      resolve(server),
    )
  })
  const port = (http.address() as { port: number }).port
  return {
    endpoints: { http: `http://${config.host}:${port}` },
    async close() {
      await new Promise<void>((done) => http.close(() => done()))
      await bus.close()
      await store.close()
      await client.shutdown()
      redis.disconnect()
    },
  }
}
