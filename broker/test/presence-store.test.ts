import { Redis } from 'ioredis'
import { inject } from 'vitest'
import { MemoryPresenceStore } from '../src/presence/memory-presence-store.ts'
import { RedisPresenceStore } from '../src/presence/redis-presence-store.ts'
import { presenceStoreContract } from '../src/testing/presence-store.contract.ts'

presenceStoreContract({
  name: 'MemoryPresenceStore',
  async create() {
    const store = new MemoryPresenceStore()
    return { store, peer: () => store, close: () => store.close() }
  },
})

let n = 0
presenceStoreContract({
  name: 'RedisPresenceStore',
  async create() {
    const { host, port } = inject('redis')
    const connections: Redis[] = []
    const prefix = `t:presence:${process.pid}:${++n}:`
    const open = () => {
      const redis = new Redis({ host, port, enableAutoPipelining: true })
      connections.push(redis)
      return new RedisPresenceStore({ redis, prefix })
    }
    return {
      store: open(),
      peer: open,
      async close() {
        for (const redis of connections) redis.disconnect()
      },
    }
  },
})
