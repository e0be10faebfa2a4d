import { Redis } from 'ioredis'
import { inject } from 'vitest'

/** A client for the Redis the global setup started, and a key prefix unique to the caller. */
export function testRedis(): Redis {
  const { host, port } = inject('redis')
  return new Redis({ host, port, lazyConnect: false, maxRetriesPerRequest: 3, enableAutoPipelining: true })
}

let n = 0
export const uniquePrefix = (what: string) => `t:${what}:${process.pid}:${Date.now()}:${++n}:`

/** Deletes every key under a prefix: a FLUSHALL that spares the other test files sharing this Redis. */
export async function forgetPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
    if (keys.length) await redis.del(...keys)
    cursor = next
  } while (cursor !== '0')
}
