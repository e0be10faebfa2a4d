import type { Redis } from 'ioredis'
import type { PresenceState, PresenceStore, WentOffline } from './presence-store.ts'

export interface RedisPresenceStoreOptions {
  redis: Redis
  /** Key prefix shared by the cluster (TIDINGS_REDIS_PREFIX). */
  prefix?: string
}

// Keys per user: `presence:conns:<user>` ZSET connection -> expiry; `presence:user:<user>` HASH
// seen (last heartbeat or disconnect), online ('1' while announced online). One ZSET
// `presence:watch` holds every user announced online, scored by when they stop counting
// (their latest connection expiry, or their last disconnect), which is all a sweep reads.

const HEARTBEAT = `
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local latest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2]
redis.call('PEXPIRE', KEYS[1], ARGV[5]) -- housekeeping only; scores decide
redis.call('HSET', KEYS[2], 'seen', ARGV[3])
redis.call('ZADD', KEYS[3], latest, ARGV[4])
if redis.call('HGET', KEYS[2], 'online') == '1' then return 0 end
redis.call('HSET', KEYS[2], 'online', '1')
return 1`

const DISCONNECT = `
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
redis.call('HSET', KEYS[2], 'seen', ARGV[2])
local latest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2]
if redis.call('HGET', KEYS[2], 'online') == '1' then redis.call('ZADD', KEYS[3], latest or ARGV[2], ARGV[3]) end
return 1`

// Atomic, so concurrent sweeps of several brokers announce each user once.
const SWEEP = `
local out = {}
for _, user in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', 0, 1000)) do
  local conns = ARGV[3] .. 'presence:conns:' .. user
  local info = ARGV[3] .. 'presence:user:' .. user
  redis.call('ZREMRANGEBYSCORE', conns, '-inf', ARGV[1])
  local latest = redis.call('ZRANGE', conns, -1, -1, 'WITHSCORES')[2]
  if latest then
    redis.call('ZADD', KEYS[1], latest, user)
  else
    redis.call('ZREM', KEYS[1], user)
    if redis.call('HGET', info, 'online') == '1' then
      redis.call('HSET', info, 'online', '0')
      table.insert(out, user)
      table.insert(out, redis.call('HGET', info, 'seen') or '0')
    end
  end
end
return out`

type PresenceCommands = Redis & {
  presenceHeartbeat(...args: (string | number)[]): Promise<number>
  presenceDisconnect(...args: (string | number)[]): Promise<number>
  presenceSweep(...args: (string | number)[]): Promise<string[]>
}

/** Presence shared by every broker of a cluster, in Redis. */
export class RedisPresenceStore implements PresenceStore {
  private readonly redis: PresenceCommands
  private readonly prefix: string

  constructor(options: RedisPresenceStoreOptions) {
    this.prefix = options.prefix ?? 'tidings:'
    this.redis = options.redis as PresenceCommands
    this.redis.defineCommand('presenceHeartbeat', { numberOfKeys: 3, lua: HEARTBEAT })
    this.redis.defineCommand('presenceDisconnect', { numberOfKeys: 3, lua: DISCONNECT })
    this.redis.defineCommand('presenceSweep', { numberOfKeys: 1, lua: SWEEP })
  }

  private keys(userId: string): string[] {
    const p = this.prefix
    return [`${p}presence:conns:${userId}`, `${p}presence:user:${userId}`, `${p}presence:watch`]
  }

  async heartbeat(userId: string, connectionId: string, ttlMs: number, now: number): Promise<boolean> {
    const cameOnline = await this.redis.presenceHeartbeat(
      ...this.keys(userId),
      connectionId,
      now + ttlMs,
      now,
      userId,
      ttlMs,
    )
    return cameOnline === 1
  }

  async disconnect(userId: string, connectionId: string, now: number): Promise<void> {
    await this.redis.presenceDisconnect(...this.keys(userId), connectionId, now, userId)
  }

  async sweep(now: number, graceMs: number): Promise<WentOffline[]> {
    const flat = await this.redis.presenceSweep(
      `${this.prefix}presence:watch`,
      now,
      now - graceMs,
      this.prefix,
    )
    const gone: WentOffline[] = []
    for (let i = 0; i < flat.length; i += 2) gone.push({ userId: flat[i]!, lastSeenAt: Number(flat[i + 1]) })
    return gone
  }

  async lookup(userIds: readonly string[], now: number): Promise<PresenceState[]> {
    const pipeline = this.redis.pipeline()
    for (const userId of userIds) {
      const [conns, info] = this.keys(userId)
      pipeline.zcount(conns!, `(${now}`, '+inf')
      pipeline.hget(info!, 'seen')
    }
    const results = (await pipeline.exec()) ?? []
    return userIds.map((userId, i) => {
      const [liveErr, live] = results[2 * i]!
      const [seenErr, seen] = results[2 * i + 1]!
      if (liveErr ?? seenErr) throw liveErr ?? seenErr
      return { userId, online: Number(live) > 0, lastSeenAt: Number(seen ?? 0) }
    })
  }

  async close(): Promise<void> {}
}
