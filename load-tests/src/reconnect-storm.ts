import { ConnectionPool, sourceAddresses } from './lean-mqtt/connection-pool.ts'
import type { ReconnectPolicy } from './lean-mqtt/messages.ts'
import { rssBytes, sampleProcesses } from './proc-stats.ts'

/** One broker process whose clients are all dropped at once. */
export interface StormTarget {
  name: string
  host: string
  port: number
  /** The broker's current process id (a restart changes it). */
  pid(): number
  jwtSecret?: string
  subscribe: string[]
  /** Kills the broker process and starts it again on the same port (the server-side drop). */
  restart(): Promise<void>
}

export type DropKind =
  /** Every client socket destroyed at once by the clients' side, as if the network went away. */
  | 'cut'
  /** The broker process killed and started again: everyone is refused until it listens. */
  | 'restart'

export interface StormOptions {
  clients: number
  keepaliveS: number
  drop: DropKind
  policy: Exclude<ReconnectPolicy, 'none'>
  /** Give up waiting for everyone after this long. */
  timeoutS: number
  /** First 127.0.0.x source address; a storm uses twice as many as it needs 5,000-connection blocks (redials after a cut use fresh ones). */
  firstAddress?: number
  say?: (line: string) => void
}

export interface StormResult {
  target: string
  clients: number
  drop: DropKind
  policy: string
  /** Drop → the last client's CONNACK. */
  allBackMs: number
  /** Clients connected again at the end (all, unless the timeout hit). */
  back: number
  /** Successful reconnects per second between the drop and the last CONNACK. */
  connectsPerS: number
  /** Per client: from noticing the drop to its new CONNACK. */
  reconnectMs: { p50: number; p95: number; p99: number; max: number }
  /** Dials that failed (refused, reset, timed out) and CONNACKs refusing, during the storm. */
  failedDials: number
  refusedConnacks: number
  errors: Record<string, number>
  /** Broker process during the storm: CPU cores busy in its busiest 100 ms, CPU seconds, RSS. */
  brokerPeakCpuCores: number
  brokerCpuSeconds: number
  brokerRssBeforeBytes: number
  brokerPeakRssBytes: number
}

/**
 * The reconnect storm: `clients` idle connections all dropped at the same moment, then every
 * client redials under its policy ('immediate': at once, then every second; 'backoff': the SDK's
 * full-jitter exponential backoff). Measures how long until everyone is back and what it costs
 * the broker.
 */
export async function runReconnectStorm(target: StormTarget, o: StormOptions): Promise<StormResult> {
  const say = o.say ?? (() => {})
  const pool = await ConnectionPool.open({
    host: target.host,
    port: target.port,
    count: o.clients,
    userPrefix: `s${Date.now().toString(36)}-`,
    keepaliveS: o.keepaliveS,
    ...(target.jwtSecret ? { jwtSecret: target.jwtSecret } : {}),
    subscribe: target.subscribe,
    concurrency: 200,
    reconnect: o.policy,
    localAddresses: sourceAddresses(o.clients, o.firstAddress),
    redialAddresses: sourceAddresses(o.clients, (o.firstAddress ?? 2) + sourceAddresses(o.clients).length),
  })
  try {
    await pool.waitConnected(o.clients, 60_000)
    const before = await pool.stats()
    const rssBefore = rssBytes(target.pid())
    let pid = target.pid()
    const sampler = sampleProcesses(() => [pid], 100)
    say(
      `  ${target.name}: ${o.clients.toLocaleString('en-US')} connected; dropping all (${o.drop}, ${o.policy})`,
    )
    const dropAt = performance.timeOrigin + performance.now()
    if (o.drop === 'cut') pool.cut()
    else {
      sampler.retire(pid)
      await target.restart()
      pid = target.pid()
    }
    // Everyone is back once each client has seen the drop (a restart may be quicker than
    // some clients notice it) and all are connected again.
    const deadline = performance.now() + o.timeoutS * 1000
    let after = await pool.stats()
    let lastReport = performance.now()
    const done = () =>
      (o.drop === 'cut' || after.drops - before.drops >= o.clients) && after.connected === o.clients
    while (!done() && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100))
      after = await pool.stats()
      if (performance.now() - lastReport > 1000) {
        lastReport = performance.now()
        say(`  ${target.name}: ${after.connected.toLocaleString('en-US')} back`)
      }
    }
    const timedOut = !done()
    const usage = sampler.stop()
    const ms = after.reconnectMs.sort((a, b) => a - b)
    const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? NaN
    const allBackMs = timedOut ? NaN : after.lastConnectAt - dropAt
    const errors: Record<string, number> = {}
    for (const [code, n] of Object.entries(after.errors)) {
      const delta = n - (before.errors[code] ?? 0)
      if (delta) errors[code] = delta
    }
    return {
      target: target.name,
      clients: o.clients,
      drop: o.drop,
      policy: o.policy,
      allBackMs,
      back: after.connected,
      connectsPerS: (after.connects - before.connects) / ((after.lastConnectAt - dropAt) / 1000),
      reconnectMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) },
      failedDials: after.failed - before.failed,
      refusedConnacks: after.refused - before.refused,
      errors,
      brokerPeakCpuCores: usage.peakCpuCores,
      brokerCpuSeconds: usage.cpuSeconds,
      brokerRssBeforeBytes: rssBefore,
      brokerPeakRssBytes: usage.peakRssBytes,
    }
  } finally {
    await pool.close()
  }
}
