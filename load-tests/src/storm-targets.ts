import type { EmbeddedProcess } from './embedded-process.ts'
import type { StormTarget } from './reconnect-storm.ts'
import type { MosquittoServer } from './servers.ts'

/** The first embedded platform of `startMeasuredPlatforms`; a restart is kill -9 and start again. */
export function tidingsStormTarget(tidings: {
  platforms: EmbeddedProcess[]
  jwtSecret: string
}): StormTarget {
  const platform = tidings.platforms[0]!
  const url = new URL(platform.mqttUrl)
  return {
    name: 'Tidings embedded',
    host: url.hostname,
    port: Number(url.port),
    pid: () => platform.pid,
    jwtSecret: tidings.jwtSecret,
    subscribe: [],
    restart: () => platform.restart('SIGKILL'),
  }
}

/** Mosquitto, restarted with SIGTERM and started again (its clients are dropped either way). */
export function mosquittoStormTarget(mosquitto: MosquittoServer): StormTarget {
  const url = new URL(mosquitto.url)
  return {
    name: 'Mosquitto',
    host: url.hostname,
    port: Number(url.port),
    pid: () => mosquitto.pid,
    subscribe: ['u/{user}', 'u/{user}/d'],
    restart: () => mosquitto.restart(),
  }
}
