import { afterAll, beforeAll } from 'vitest'
import { startMeasuredPlatforms } from '../src/idle-targets.ts'
import { startMosquitto } from '../src/servers.ts'

export interface BaselineAndPlatform {
  mosquitto: Awaited<ReturnType<typeof startMosquitto>>
  tidings: Awaited<ReturnType<typeof startMeasuredPlatforms>>
}

/** Mosquitto and one measured embedded platform for the file's tests, started once and stopped after. */
export function baselineAndPlatform(): BaselineAndPlatform {
  const servers = {} as BaselineAndPlatform
  beforeAll(async () => {
    ;[servers.mosquitto, servers.tidings] = await Promise.all([startMosquitto(), startMeasuredPlatforms(1)])
  }, 120_000)
  afterAll(async () => {
    await Promise.all([servers.mosquitto?.stop(), servers.tidings?.stop()])
  })
  return servers
}
