import cassandra from 'cassandra-driver'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { RedisSequenceAllocator } from '../src/sequence/index.ts'
import { CqlStore, TABLES, migrateCql } from '../src/store/index.ts'
import { chatStoreContract, messageStoreContract, type StoresUnderTest } from '../src/testing/index.ts'
import { appendInput } from '../src/testing/append-input.ts'
import { forgetPrefix, testRedis, uniquePrefix } from './redis-client.ts'

const keyspace = `tidings_test_${process.pid}`
const { host, port } = inject('cassandra')
const client = new cassandra.Client({ contactPoints: [`${host}:${port}`], localDataCenter: 'datacenter1' })
const redis = testRedis()

beforeAll(async () => {
  await client.connect()
  await migrateCql(client, { keyspace })
  await client.execute(`USE ${keyspace}`)
}, 120_000)
afterAll(async () => {
  await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`)
  await client.shutdown()
  redis.disconnect()
})

interface CqlUnderTest extends StoresUnderTest {
  prefix: string
}

const open = (prefix: string): CqlUnderTest => {
  const store = new CqlStore({ client, sequences: new RedisSequenceAllocator({ redis, prefix }) })
  return { messages: store, chats: store, close: () => store.close(), prefix }
}

const options = {
  name: 'CqlStore (Cassandra 5 + Redis seqs)',
  async create() {
    await Promise.all(TABLES.map((t) => client.execute(`TRUNCATE ${t}`)))
    return open(uniquePrefix('cql'))
  },
  async reopen(stores: StoresUnderTest) {
    await stores.close()
    return open((stores as CqlUnderTest).prefix)
  },
  async loseSequenceState(stores: StoresUnderTest) {
    await forgetPrefix(redis, (stores as CqlUnderTest).prefix)
  },
}
messageStoreContract(options)
chatStoreContract(options)

it('migrateCql resumes a migration that was cut short (columns added, version not recorded)', async () => {
  await client.execute(`DELETE FROM ${keyspace}.schema_migrations WHERE version = 3`)
  expect(await migrateCql(client, { keyspace })).toBe(1)
  expect(await migrateCql(client, { keyspace })).toBe(0)
})

describe('rosters cached for long (another process changes the chat, its invalidation not here)', () => {
  // Two stores of one cluster; `here` trusts its rosters for a minute and hears no invalidations.
  const pair = () => {
    const prefix = uniquePrefix('roster')
    const sequences = () => new RedisSequenceAllocator({ redis, prefix })
    const here = new CqlStore({ client, sequences: sequences(), rosterCacheMs: 60_000 })
    const there = new CqlStore({ client, sequences: sequences() })
    return { here, there, close: () => Promise.all([here.close(), there.close()]) }
  }

  it('a sender added elsewhere is accepted once the cached roster is a second old', async () => {
    const { here, there, close } = pair()
    const chat = await there.createGroup({ title: 'g', createdBy: 'alice', memberIds: ['bob'] })
    await here.append(appendInput(chat.id, 'alice')) // caches [alice, bob]
    await there.addMember(chat.id, 'carol')
    await new Promise((r) => setTimeout(r, 1100))
    const { message } = await here.append(appendInput(chat.id, 'carol'))
    expect(message.senderId).toBe('carol')
    expect(await here.memberIds(chat.id)).toContain('carol')
    await close()
  })

  it('invalidateAll drops every cached roster', async () => {
    const { here, there, close } = pair()
    const chat = await there.createGroup({ title: 'g', createdBy: 'alice', memberIds: ['bob'] })
    expect(await here.memberIds(chat.id)).toContain('bob')
    await there.removeMember(chat.id, 'bob')
    expect(await here.memberIds(chat.id)).toContain('bob') // trusted: no invalidation came
    here.invalidateAll()
    expect(await here.memberIds(chat.id)).not.toContain('bob')
    await close()
  })
})
