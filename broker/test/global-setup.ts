import type { TestProject } from 'vitest/node'
import { startRedis, type ServerAddress } from '@tidings/bridge/testing'

declare module 'vitest' {
  export interface ProvidedContext {
    redis: ServerAddress
  }
}

/** A real redis-server for the cluster tests of this package. */
export default async function setup(project: TestProject) {
  const redis = await startRedis()
  project.provide('redis', { host: redis.host, port: redis.port })
  return () => redis.stop()
}
