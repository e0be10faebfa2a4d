import cassandra from 'cassandra-driver'
import { MemorySequenceAllocator } from '@tidings/bridge/sequence'
import { CqlStore, migrateCql } from '@tidings/bridge/store'
import type { ServerAddress } from '@tidings/bridge/local-servers'
import { plainAppend } from './plain-append.ts'

const KEYSPACE = 'bench_warmup'

/**
 * Runs the cluster's write path (CqlStore's unlogged batches over 50 chats) flat out against a
 * freshly started Cassandra node, then drops what it wrote. A new JVM's C2 compiler takes half
 * a core for minutes under the benchmark's load (docs/benchmarks.md); a production node has
 * long since compiled its hot paths, so the benchmark should not pay for that in its figures.
 */
export async function warmCassandra(server: ServerAddress, seconds: number): Promise<number> {
  const client = new cassandra.Client({
    contactPoints: [`${server.host}:${server.port}`],
    localDataCenter: 'datacenter1',
  })
  await client.connect()
  let appended = 0
  try {
    await migrateCql(client, { keyspace: KEYSPACE })
    await client.execute(`USE ${KEYSPACE}`)
    const store = new CqlStore({ client, sequences: new MemorySequenceAllocator() })
    const chats = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => (await store.createDirect(`a${i}`, `b${i}`)).chat.id),
    )
    const body = new Uint8Array(100)
    const until = performance.now() + seconds * 1000
    const worker = async (n: number) => {
      // Reads too (history pages, as the API serves them), so their paths are compiled as well.
      for (let i = n; performance.now() < until; i += 500) {
        const chatId = chats[i % chats.length]!
        await store.append(plainAppend(chatId, `a${i % chats.length}`, body))
        if (i % 50 === 0) await store.history(chatId, { limit: 20 })
        appended++
      }
    }
    await Promise.all(Array.from({ length: 500 }, (_, n) => worker(n)))
    await store.close()
  } finally {
    await client.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`).catch(() => {})
    await client.shutdown()
  }
  return appended
}
