import cassandra from 'cassandra-driver'
import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { createApi } from '@tidings/api'
import {
  CqlStore,
  RedisInboundLog,
  RedisSequenceAllocator,
  corkPerTurn,
  createBridge,
  migrateCql,
} from '@tidings/bridge'
import {
  RedisPresenceStore,
  createBroker,
  createClusterBus,
  createTokenService,
  listenTcp,
  listenWebSocket,
  redisAedesParts,
  type RedisAddress,
} from '@tidings/broker'
import { Gauge, type Registry } from 'prom-client'
import type { ClusterConfig } from './cluster-config.ts'
import { listenHttp } from './http.ts'
import { processRegistry, serveMetrics } from './metrics.ts'
import { watchRosterChanges } from './roster-invalidation.ts'

/** One cluster process; `endpoints` is what it listens on (empty for a bridge). */
export interface ClusterNode {
  endpoints: Record<string, string>
  close(): Promise<void>
}

const CHAT_CHANGED = 'chat-changed'

function connectRedis(config: ClusterConfig, log: Logger): Redis {
  // The commands of one event-loop turn (XADDs of one socket read, XACKs, seq scripts) go out in
  // one write: corked, which is cheaper than ioredis' auto-pipelining (redis-cork.ts).
  const redis = corkPerTurn(new Redis({ ...config.redis, maxRetriesPerRequest: null }))
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis'))
  return redis
}

/** The Aedes parts and the delivery bus, in this deployment's space of the Redis it shares. */
const redisSpace = (config: ClusterConfig): RedisAddress => ({ ...config.redis, prefix: config.redisPrefix })

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

/**
 * The cluster store of one process. Roster changes it makes are published, and those of every
 * other process (API, bridge or broker) invalidate its cached rosters (roster-invalidation.ts).
 */
async function openStore(
  config: ClusterConfig,
  client: cassandra.Client,
  redis: Redis,
  log: Logger,
  onChatChanged: (chatId: string) => void = () => {},
) {
  const channel = config.redisPrefix + CHAT_CHANGED
  const store = new CqlStore({
    client,
    sequences: new RedisSequenceAllocator({ redis, prefix: config.redisPrefix }),
    onRosterChange: (chatId) => void redis.publish(channel, chatId),
    rosterCacheMs: config.rosterCacheMs,
  })
  const subscriber = connectRedis(config, log)
  await watchRosterChanges(subscriber, channel, store, onChatChanged)
  return {
    store,
    async close() {
      subscriber.disconnect()
      await store.close()
    },
  }
}

/** Depth, consumer lag and work in flight of the inbound-log partitions this bridge owns. */
function inboundMetrics(registry: Registry, inbound: RedisInboundLog): void {
  const registers = [registry]
  const labelNames = ['partition'] as const
  const length = new Gauge({
    name: 'tidings_inbound_length',
    help: 'Entries in a partition stream',
    labelNames,
    registers,
  })
  const lag = new Gauge({
    name: 'tidings_inbound_lag',
    help: 'Entries no bridge has read yet',
    labelNames,
    registers,
  })
  const pending = new Gauge({
    name: 'tidings_inbound_pending',
    help: 'Entries read, not yet done',
    labelNames,
    registers,
  })
  new Gauge({
    name: 'tidings_inbound_partitions_owned',
    help: 'Inbound-log partitions this bridge owns',
    registers,
    async collect() {
      const backlog = await inbound.backlog().catch(() => [])
      for (const gauge of [length, lag, pending]) gauge.reset()
      for (const b of backlog) {
        const partition = String(b.partition)
        length.set({ partition }, b.length)
        pending.set({ partition }, b.pending)
        if (b.lag !== null) lag.set({ partition }, b.lag)
      }
      this.set(backlog.length)
    },
  })
  new Gauge({
    name: 'tidings_inbound_in_flight',
    help: 'Records handed to the pipeline and not yet done',
    registers,
    collect() {
      this.set(inbound.stats().inFlight)
    },
  })
}

/**
 * An Aedes node: MQTT over TCP and WebSocket; its sends go to the Redis inbound log. It reads
 * Cassandra only for typing and presence checks (membership, co-membership, privacy).
 */
export async function startBrokerNode(config: ClusterConfig, log: Logger): Promise<ClusterNode> {
  const redis = connectRedis(config, log)
  const client = await connectCassandra(config)
  let rosterChanged = (_chatId: string) => {} // the broker's, once it exists
  const { store, close: closeStore } = await openStore(config, client, redis, log, (chatId) =>
    rosterChanged(chatId),
  )
  const parts = redisAedesParts(redisSpace(config), 'broker', (err) =>
    log.warn({ err: err.message }, 'aedes redis'),
  )
  const inbound = new RedisInboundLog({ redis, prefix: config.redisPrefix, partitions: config.partitions })
  const metrics = processRegistry('tidings-broker')
  const broker = await createBroker(
    {
      tokens: createTokenService(config.jwtSecret),
      inbound,
      chats: store,
      presence: new RedisPresenceStore({ redis, prefix: config.redisPrefix }),
      log,
      aedes: parts.aedes,
      metrics,
    },
    config.broker,
  )
  rosterChanged = (chatId) => broker.rosterChanged(chatId)
  const tcp = await listenTcp(broker, config.mqttPort, config.host)
  const ws = await listenWebSocket(broker, config.wsPort, config.host)
  const metricsServer = await serveMetrics(metrics, config.host, config.metricsPort)
  return {
    endpoints: {
      mqtt: `mqtt://${config.host}:${tcp.port}`,
      ws: `ws://${config.host}:${ws.port}/mqtt`,
      metrics: metricsServer.url,
    },
    async close() {
      await metricsServer.close()
      await ws.close()
      await tcp.close()
      await broker.close()
      await parts.close()
      await closeStore()
      await client.shutdown()
      redis.disconnect()
    },
  }
}

/** A persistence bridge: owns a share of the inbound partitions, writes to Cassandra, fans out. */
export async function startBridgeNode(config: ClusterConfig, log: Logger): Promise<ClusterNode> {
  const redis = connectRedis(config, log)
  const client = await connectCassandra(config)
  const { store, close: closeStore } = await openStore(config, client, redis, log)
  const inbound = new RedisInboundLog({
    redis,
    prefix: config.redisPrefix,
    partitions: config.partitions,
    leaseMs: config.leaseMs,
    lingerMs: config.inboundLingerMs,
    onError: (err, what) => log.warn({ err: String(err), what }, 'inbound log'),
  })
  const bus = await createClusterBus(redisSpace(config), 'bridge', (err) =>
    log.warn({ err: err.message }, 'bus'),
  )
  const metrics = processRegistry('tidings-bridge')
  inboundMetrics(metrics, inbound)
  const bridge = createBridge({ messages: store, chats: store, bus, inbound, log, metrics }, config)
  await bridge.start()
  const metricsServer = await serveMetrics(metrics, config.host, config.metricsPort)
  return {
    endpoints: { metrics: metricsServer.url },
    async close() {
      await metricsServer.close()
      await bridge.close()
      await bus.close()
      await closeStore()
      await client.shutdown()
      redis.disconnect()
    },
  }
}

/** The REST API on the cluster's store; chat updates reach members through the cluster bus. */
export async function startApiNode(config: ClusterConfig, log: Logger): Promise<ClusterNode> {
  const redis = connectRedis(config, log)
  const client = await connectCassandra(config)
  const { store, close: closeStore } = await openStore(config, client, redis, log)
  const bus = await createClusterBus(redisSpace(config), 'api', (err) =>
    log.warn({ err: err.message }, 'bus'),
  )
  const api = createApi(
    {
      metrics: processRegistry('tidings-api'),
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
  const http = await listenHttp(api.fetch, config.httpPort, config.host)
  return {
    endpoints: { http: http.url, metrics: `${http.url}/metrics` },
    async close() {
      await http.close()
      await bus.close()
      await closeStore()
      await client.shutdown()
      redis.disconnect()
    },
  }
}
