import { asBuffer } from '@tidings/proto'
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import type { AedesOptions } from 'aedes'
import { Redis } from 'ioredis'
import MQEmitterRedis from 'mqemitter-redis'
import { corkPerTurn } from '@tidings/bridge/redis-cork'
import type { DeliveryBus } from '@tidings/bridge'
import { useBusFrames } from './bus-frames.ts'

// aedes-persistence-redis ships no types; this is the part Tidings uses (its default export).
const persistenceRedis = createRequire(import.meta.url)('aedes-persistence-redis') as (options: {
  conn: Redis
}) => NonNullable<AedesOptions['persistence']>

/** mqemitter-redis reports Redis errors on `state`; without a listener they would kill the process. */
function onEmitterError(mq: unknown, onError: (err: Error) => void): void {
  ;(mq as { state: NodeJS.EventEmitter }).state.on('error', onError)
}

export interface RedisAddress {
  host: string
  port: number
  /**
   * Prepended to every channel and key of the Aedes parts and the bus (default none), so that
   * several deployments can share one Redis; every node of one deployment uses the same.
   */
  prefix?: string
}

/**
 * Every Redis channel of this emitter starts with `prefix`, subscriptions and publishes alike;
 * the topic inside a frame stays as it is, so brokers still route by the MQTT topic.
 */
function namespaceChannels(emitter: unknown, prefix: string): void {
  if (!prefix) return
  const mq = emitter as {
    _subTopic(topic: string): string
    _containsWildcard(topic: string): boolean
    pubConn: { publish(channel: string, message: Buffer | string): Promise<number> }
  }
  const subTopic = mq._subTopic.bind(mq)
  // A wildcard subscription is a PSUBSCRIBE glob: the prefix's own glob characters are literal.
  const patternPrefix = prefix.replace(/[*?[\]\\]/g, '\\$&')
  mq._subTopic = (topic) => (mq._containsWildcard(topic) ? patternPrefix : prefix) + subTopic(topic)
  const publish = mq.pubConn.publish.bind(mq.pubConn)
  mq.pubConn.publish = (channel, message) => publish(prefix + channel, message)
}

/** The cluster's mqemitter-redis: errors reported, channels in the deployment's space, Tidings' frames. */
function clusterEmitter(redis: RedisAddress, onError: (err: Error) => void) {
  const mq = MQEmitterRedis({ host: redis.host, port: redis.port })
  onEmitterError(mq, onError)
  namespaceChannels(mq, redis.prefix ?? '')
  useBusFrames(mq)
  return mq
}

export interface RedisAedesParts {
  aedes: Pick<AedesOptions, 'mq' | 'persistence' | 'id'>
  /** Closes the persistence's Redis link; call it after Aedes.close(), which closes the emitter. */
  close(): Promise<void>
}

/**
 * What makes Aedes nodes one cluster: mqemitter-redis (routing by Redis PUBLISH/SUBSCRIBE, one
 * channel per exact topic; packets framed by bus-frames.ts) and aedes-persistence-redis (subscriptions, sessions, retained
 * messages). Use the persistence's default export: its async class crashes Aedes 1.x on SUBSCRIBE.
 */
export function redisAedesParts(
  redis: RedisAddress,
  name: string,
  onError: (err: Error) => void = () => {},
): RedisAedesParts {
  // Our own connection, so closing does not depend on persistence.destroy(), which hangs once
  // Aedes has closed the emitter.
  // ioredis puts keyPrefix before every key of every command, so the persistence's fixed key
  // names (`clients`, `client:<id>`, `retained`, …) land in this deployment's space.
  const conn = corkPerTurn(new Redis({ host: redis.host, port: redis.port, keyPrefix: redis.prefix }))
  conn.on('error', onError)
  const mq = clusterEmitter(redis, onError)
  return {
    aedes: { id: `${name}-${randomBytes(3).toString('hex')}`, mq, persistence: persistenceRedis({ conn }) },
    close: async () => conn.disconnect(),
  }
}

/**
 * A DeliveryBus for processes that are not brokers (bridges, the API): it emits straight onto
 * the cluster's mqemitter-redis, so a publish reaches the devices subscribed on any broker. No
 * Aedes node of its own: a bridge needs neither retained messages nor offline queues, and
 * skipping them saves work on every delivery. Fire and forget, like every mqemitter-redis
 * delivery: clients repair gaps from history.
 */
export async function createClusterBus(
  redis: RedisAddress,
  name: string,
  onError: (err: Error) => void = () => {},
): Promise<DeliveryBus> {
  const mq = clusterEmitter(redis, onError)
  const brokerId = `${name}-${randomBytes(3).toString('hex')}`
  let brokerCounter = 0
  return {
    publish: (topic, payload) =>
      new Promise<void>((resolve, reject) =>
        // The packet as an Aedes node would emit it; brokers deliver it to their subscribers.
        mq.emit(
          {
            cmd: 'publish',
            topic,
            payload: asBuffer(payload),
            qos: 1,
            retain: false,
            dup: false,
            brokerId,
            brokerCounter: ++brokerCounter,
          },
          (err?: Error) => (err ? reject(err) : resolve()),
        ),
      ),
    close: () => new Promise<void>((resolve) => mq.close(() => resolve())),
  }
}
