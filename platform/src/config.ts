import { z } from 'zod'
import { DEFAULT_MAX_BODY_BYTES } from '@tidings/proto'

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback)
export const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1')

/** Settings both modes share. */
export const commonSettings = {
  TIDINGS_HOST: z.string().default('127.0.0.1'),
  TIDINGS_MQTT_PORT: port(1883),
  TIDINGS_WS_PORT: port(8083),
  TIDINGS_HTTP_PORT: port(8080),
  TIDINGS_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(512 * 1024)
    .default(DEFAULT_MAX_BODY_BYTES),
  TIDINGS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIDINGS_PRESENCE_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  TIDINGS_TYPING_TTL_MS: z.coerce.number().int().min(500).max(60_000).default(6_000),
}

/** The broker options both modes read from the common settings. */
export const brokerOptions = (e: {
  TIDINGS_MAX_BODY_BYTES: number
  TIDINGS_PRESENCE_GRACE_MS: number
  TIDINGS_TYPING_TTL_MS: number
}) => ({
  maxBodyBytes: e.TIDINGS_MAX_BODY_BYTES,
  typingTtlMs: e.TIDINGS_TYPING_TTL_MS,
  presence: { graceMs: e.TIDINGS_PRESENCE_GRACE_MS },
})

/** Every setting of the embedded platform; README.md has the same table. */
const Schema = z.object({
  ...commonSettings,
  TIDINGS_DATA_DIR: z.string().default('./.data'),
  TIDINGS_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TIDINGS_DEV_LOGIN: bool(true),
  TIDINGS_SQLITE_SYNC: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  TIDINGS_SQLITE_APPEND_THREAD: bool(true),
  TIDINGS_SQLITE_WAL_LIMIT_MB: z.coerce.number().int().min(1).default(256),
})

/** Parses the environment with a schema; throws one error naming every bad variable. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`invalid configuration:\n${problems}`)
  }
  return parsed.data
}

export interface EmbeddedConfig {
  host: string
  mqttPort: number
  wsPort: number
  httpPort: number
  dataDir: string
  /** Undefined: generated once and kept in <dataDir>/jwt-secret. */
  jwtSecret: string | undefined
  devLogin: boolean
  maxBodyBytes: number
  sqliteSync: 'NORMAL' | 'FULL'
  /** SQLite appends in a worker thread (false: on the main thread, e.g. on one core). */
  sqliteAppendThread: boolean
  /** The WAL's size under sustained writes, in MiB (see bridge/src/store/wal-checkpointer.ts). */
  sqliteWalLimitMb: number
  logLevel: string
  broker: ReturnType<typeof brokerOptions>
}

/** Reads the environment once; throws one error naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<EmbeddedConfig> {
  const e = parseEnv(Schema, env)
  return Object.freeze({
    host: e.TIDINGS_HOST,
    mqttPort: e.TIDINGS_MQTT_PORT,
    wsPort: e.TIDINGS_WS_PORT,
    httpPort: e.TIDINGS_HTTP_PORT,
    dataDir: e.TIDINGS_DATA_DIR,
    jwtSecret: e.TIDINGS_JWT_SECRET,
    devLogin: e.TIDINGS_DEV_LOGIN,
    maxBodyBytes: e.TIDINGS_MAX_BODY_BYTES,
    sqliteSync: e.TIDINGS_SQLITE_SYNC,
    sqliteAppendThread: e.TIDINGS_SQLITE_APPEND_THREAD,
    sqliteWalLimitMb: e.TIDINGS_SQLITE_WAL_LIMIT_MB,
    logLevel: e.TIDINGS_LOG_LEVEL,
    broker: brokerOptions(e),
  })
}
