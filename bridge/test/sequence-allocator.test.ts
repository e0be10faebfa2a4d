import { MemorySequenceAllocator, RedisSequenceAllocator } from '../src/sequence/index.ts'
import { sequenceAllocatorContract } from '../src/testing/index.ts'
import { forgetPrefix, testRedis, uniquePrefix } from './redis-client.ts'

sequenceAllocatorContract({
  name: 'MemorySequenceAllocator',
  async create() {
    const allocator = new MemorySequenceAllocator()
    return { allocator, loseState: async () => allocator.reset(), close: () => allocator.close() }
  },
  skip: [
    {
      reason:
        'in-process state dies with the process and its in-flight writes; a new process reseeds from the store',
      tests: ['continues above seqs still in flight to the store after losing its state'],
    },
    {
      reason: 'one process is the only writer: there are no partition owners to fence',
      tests: ['refuses a stale fence and allocates nothing for it'],
    },
  ],
})

sequenceAllocatorContract({
  name: 'RedisSequenceAllocator',
  async create() {
    const redis = testRedis()
    const prefix = uniquePrefix('seq')
    const allocator = new RedisSequenceAllocator({ redis, prefix })
    let n = 0
    return {
      allocator,
      loseState: () => forgetPrefix(redis, prefix),
      async grantFence(key) {
        const fence = { key: `${prefix}${key}`, token: `owner-${++n}` }
        await redis.set(fence.key, fence.token)
        return fence
      },
      async stealFence(fence) {
        await redis.set(fence.key, 'someone-else')
      },
      async close() {
        await allocator.close()
        redis.disconnect()
      },
    }
  },
})
