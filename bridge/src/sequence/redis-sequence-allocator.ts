import type { Redis, Result } from 'ioredis'
import { BoundedMap } from '../bounded-map.ts'
import {
  FencedError,
  type AllocateRequest,
  type Allocation,
  type HighWaterMark,
  type SequenceAllocator,
} from './sequence-allocator.ts'

// KEYS[1] seq counter, KEYS[2] fence key ('' for none), KEYS[3..] one dedupe key per message.
// ARGV[1] fence token, ARGV[2] dedupe TTL in seconds.
// Returns 'SEED' when the counter is missing, 'FENCED' for a stale fence, else one number per
// message: the seq, negated when the id already had one.
const ALLOCATE = `
if KEYS[2] ~= '' and redis.call('GET', KEYS[2]) ~= ARGV[1] then return 'FENCED' end
if redis.call('EXISTS', KEYS[1]) == 0 then return 'SEED' end
local out = {}
for i = 3, #KEYS do
  local known = redis.call('GET', KEYS[i])
  if known then
    out[#out + 1] = -tonumber(known)
  else
    local seq = redis.call('INCR', KEYS[1])
    redis.call('SET', KEYS[i], seq, 'EX', ARGV[2])
    out[#out + 1] = seq
  end
end
return out
`

export interface RedisSequenceAllocatorOptions {
  redis: Redis
  /** Key prefix, so several deployments (or tests) can share one Redis. */
  prefix?: string
  /** How long a client id keeps its seq for redeliveries; longer resends hit the store's dedupe. */
  dedupeTtlSeconds?: number
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    tidingsAllocate(...args: (string | number)[]): Result<string | number[], Context>
  }
}

/**
 * Seqs from Redis: INCR per chat plus a short-lived (chat, client id) -> seq map, in one Lua
 * script so allocation and dedupe are atomic and a fence check can veto both. When Redis lost
 * the counter (restart without data, FLUSHALL) it is reseeded with SET NX from the higher of
 * the store's high-water mark and the highest seq this process handed out for the chat (which
 * covers messages still in flight to the store).
 */
export class RedisSequenceAllocator implements SequenceAllocator {
  private readonly redis: Redis
  private readonly prefix: string
  private readonly ttl: number
  /** Highest seq handed out per chat, for reseeding above writes still in flight. */
  private readonly handedOut = new BoundedMap<string, number>(100_000)

  constructor(options: RedisSequenceAllocatorOptions) {
    this.redis = options.redis
    this.prefix = options.prefix ?? 'tidings:'
    this.ttl = options.dedupeTtlSeconds ?? 600
    this.redis.defineCommand('tidingsAllocate', { lua: ALLOCATE })
  }

  async allocate(request: AllocateRequest, highWaterMark: HighWaterMark): Promise<Allocation[]> {
    const { chatId, fence } = request
    const seqKey = `${this.prefix}seq:{${chatId}}`
    const keys = [
      seqKey,
      fence?.key ?? '',
      ...request.clientMsgIds.map((id) => `${this.prefix}cmid:{${chatId}}:${id}`),
    ]
    for (;;) {
      const reply = await this.redis.tidingsAllocate(keys.length, ...keys, fence?.token ?? '', this.ttl)
      if (reply === 'FENCED') throw new FencedError(fence!)
      if (reply === 'SEED') {
        const seed = Math.max(await highWaterMark(chatId), this.handedOut.get(chatId) ?? 0)
        await this.redis.set(seqKey, seed, 'NX')
        continue
      }
      const allocations = (reply as number[]).map((n) => ({ seq: Math.abs(n), known: n < 0 }))
      const top = Math.max(...allocations.map((a) => a.seq))
      if (top > (this.handedOut.get(chatId) ?? 0)) this.handedOut.set(chatId, top)
      return allocations
    }
  }

  async close(): Promise<void> {}
}
