import type { TestProject } from 'vitest/node'
import { startCassandra, startRedis, type ServerAddress } from '../local-servers.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    redis: ServerAddress
    cassandra: ServerAddress
  }
}

/** One real Redis and one real Cassandra node for the whole run of this package's tests. */
export default async function setup(project: TestProject) {
  const [redis, cassandra] = await Promise.all([startRedis(), startCassandra()])
  project.provide('redis', { host: redis.host, port: redis.port })
  project.provide('cassandra', { host: cassandra.host, port: cassandra.port })
  return async () => {
    await Promise.all([redis.stop(), cassandra.stop()])
  }
}
