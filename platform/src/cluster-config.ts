import { z } from 'zod'
import { bool, brokerOptions, commonSettings, parseEnv, port } from './config.ts'

const hostPort = (fallbackPort: number) =>
  z
    .string()
    .regex(/^[^:,\s]+(:\d+)?$/, 'must be host or host:port')
    .transform((v) => {
      const [host, port] = v.split(':')
      return { host: host!, port: port ? Number(port) : fallbackPort }
    })

/** Every setting of a cluster process (broker, bridge or API); docs/operations.md has the table. */
const Schema = z.object({
  ...commonSettings,
  TIDINGS_JWT_SECRET: z
    .string({ error: 'is required in cluster mode' })
    .min(32, 'must be at least 32 characters'),
  TIDINGS_DEV_LOGIN: bool(false),
  TIDINGS_REDIS: hostPort(6379).prefault('127.0.0.1:6379'),
  TIDINGS_CASSANDRA_CONTACT_POINTS: z.string().default('127.0.0.1:9042'),
  TIDINGS_CASSANDRA_DC: z.string().default('datacenter1'),
  TIDINGS_CASSANDRA_KEYSPACE: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,47}$/, 'must be a lower-case CQL identifier')
    .default('tidings'),
  TIDINGS_CASSANDRA_REPLICATION: z.string().default(`{'class': 'NetworkTopologyStrategy', 'datacenter1': 1}`),
  TIDINGS_INBOUND_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(16),
  TIDINGS_LEASE_MS: z.coerce.number().int().min(200).max(60_000).default(5000),
  TIDINGS_INBOUND_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(5),
  TIDINGS_ROSTER_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  TIDINGS_REDIS_PREFIX: z.string().default('tidings:'),
  TIDINGS_METRICS_PORT: port(9464),
})

export type ClusterConfig = Readonly<ReturnType<typeof toConfig>>

const toConfig = (e: z.output<typeof Schema>) => ({
  host: e.TIDINGS_HOST,
  mqttPort: e.TIDINGS_MQTT_PORT,
  wsPort: e.TIDINGS_WS_PORT,
  httpPort: e.TIDINGS_HTTP_PORT,
  maxBodyBytes: e.TIDINGS_MAX_BODY_BYTES,
  logLevel: e.TIDINGS_LOG_LEVEL,
  jwtSecret: e.TIDINGS_JWT_SECRET,
  devLogin: e.TIDINGS_DEV_LOGIN,
  redis: e.TIDINGS_REDIS,
  cassandra: {
    contactPoints: e.TIDINGS_CASSANDRA_CONTACT_POINTS.split(',').map((s) => s.trim()),
    localDataCenter: e.TIDINGS_CASSANDRA_DC,
    keyspace: e.TIDINGS_CASSANDRA_KEYSPACE,
    replication: e.TIDINGS_CASSANDRA_REPLICATION,
  },
  partitions: e.TIDINGS_INBOUND_PARTITIONS,
  leaseMs: e.TIDINGS_LEASE_MS,
  inboundLingerMs: e.TIDINGS_INBOUND_LINGER_MS,
  rosterCacheMs: e.TIDINGS_ROSTER_CACHE_MS,
  redisPrefix: e.TIDINGS_REDIS_PREFIX,
  metricsPort: e.TIDINGS_METRICS_PORT,
  broker: brokerOptions(e),
})

export function loadClusterConfig(env: NodeJS.ProcessEnv = process.env): ClusterConfig {
  return Object.freeze(toConfig(parseEnv(Schema, env)))
}
