import { ConnectionPool, sourceAddresses } from './lean-mqtt/connection-pool.ts'
import { settledRss } from './proc-stats.ts'

/** One broker process the soak connects to and measures. */
export interface IdleBroker {
  host: string
  port: number
  pid: number
  /** Forces a full GC in the process before an RSS reading (Node brokers, see gc-on-signal.mjs). */
  forceGc?: () => void
  /** The JS heap after the last forced GC (Node brokers): how much of the RSS is live objects. */
  heap?: () => { heapUsed: number; heapTotal: number } | undefined
}

export interface IdleTarget {
  name: string
  /** Connections are spread evenly over these processes. */
  brokers: IdleBroker[]
  /** Tidings: tokens signed with the platform's secret. */
  jwtSecret?: string
  /** Topics each client subscribes to itself (Mosquitto: the two Tidings' broker subscribes a device to). */
  subscribe: string[]
}

export interface IdleSoakOptions {
  connections: number
  keepaliveS: number
  /** Seconds every connection is held once all are up (pings go out meanwhile). */
  holdS: number
  /** Connections opened and closed per broker before the baseline reading (warms the code paths). */
  warmup: number
  /** Dials in flight per worker process while opening. */
  concurrency: number
  /** First 127.0.0.x source address to use (.2 by default). */
  firstAddress?: number
  say?: (line: string) => void
}

export interface BrokerMemory {
  connections: number
  rssBeforeBytes: number
  rssAfterBytes: number
  bytesPerConnection: number
}

export interface IdleSoakResult {
  target: string
  brokers: number
  connections: number
  /** Connections still up at the end of the hold. */
  held: number
  connectSeconds: number
  connectsPerS: number
  rssBeforeBytes: number
  rssAfterBytes: number
  /** (RSS after − RSS before) / connections held, summed over the broker processes. */
  bytesPerConnection: number
  /** Node brokers: (JS heap used after − before) / connections held, and the same for the heap's size. */
  heapUsedPerConnection?: number
  heapTotalPerConnection?: number
  perBroker: BrokerMemory[]
  keepaliveS: number
  holdS: number
  pingsSent: number
  pingResponses: number
  drops: number
  refused: number
  failed: number
  errors: Record<string, number>
  sourceAddresses: number
}

/**
 * The idle-connection soak: N clients connect (CONNECT with keepalive, nothing else) and stay
 * idle but alive (one PINGREQ per keepalive period), spread over the target's broker processes
 * and over several 127.0.0.x source addresses. Broker memory is each process's settled RSS
 * (VmRSS after a forced GC, once three readings 500 ms apart agree within 0.5%) before the
 * connections and after holding them.
 */
export async function runIdleSoak(target: IdleTarget, o: IdleSoakOptions): Promise<IdleSoakResult> {
  const say = o.say ?? (() => {})
  const n = target.brokers.length
  const share = (b: number) => Math.floor(o.connections / n) + (b < o.connections % n ? 1 : 0)
  const run = Date.now().toString(36)
  const poolSpec = (b: number, count: number, prefix: string, first: number, from: number) => ({
    host: target.brokers[b]!.host,
    port: target.brokers[b]!.port,
    count,
    first,
    userPrefix: prefix,
    keepaliveS: o.keepaliveS,
    ...(target.jwtSecret ? { jwtSecret: target.jwtSecret } : {}),
    subscribe: target.subscribe,
    concurrency: o.concurrency,
    reconnect: 'none' as const,
    localAddresses: sourceAddresses(count, from),
  })
  // Each broker's pool gets its own source addresses: ephemeral ports are per address, not per destination.
  let nextAddress = o.firstAddress ?? 2
  const addressesFor = (count: number) => {
    const from = nextAddress
    nextAddress += sourceAddresses(count).length
    return from
  }

  if (o.warmup > 0) {
    say(`  ${target.name}: warm-up, ${o.warmup} connections per broker opened and closed`)
    const warm = await Promise.all(
      target.brokers.map((_, b) =>
        ConnectionPool.open(poolSpec(b, o.warmup, `w${run}-`, b * o.warmup, 2 + b)),
      ),
    )
    await Promise.all(warm.map((p) => p.close()))
  }
  const before = await Promise.all(target.brokers.map((b) => settledRss(b.pid, b.forceGc)))
  const heapBefore = target.brokers.map((b) => b.heap?.())
  say(
    `  ${target.name}: broker RSS before ${mib(before.reduce((a, b) => a + b, 0))}; opening ${o.connections.toLocaleString('en-US')} connections`,
  )

  const addressStarts = target.brokers.map((_, b) => addressesFor(share(b)))
  const pools: ConnectionPool[] = []
  try {
    const up = target.brokers.map(() => 0)
    const total = () => up.reduce((a, b) => a + b, 0)
    const progress = setInterval(
      () => say(`  ${target.name}: ${total().toLocaleString('en-US')} connected`),
      2000,
    )
    try {
      let first = 0
      await Promise.all(
        target.brokers.map((_, b) => {
          const spec = poolSpec(b, share(b), `i${run}-`, first, addressStarts[b]!)
          first += share(b)
          return ConnectionPool.open(spec, (connected) => (up[b] = connected)).then((p) => {
            pools[b] = p
            up[b] = p.connected
          })
        }),
      )
    } finally {
      clearInterval(progress)
    }
    const opened = await Promise.all(pools.map((p) => p.stats()))
    const firstDial = Math.min(...opened.map((s) => s.firstDialAt))
    const lastConnect = Math.max(...opened.map((s) => s.lastConnectAt))
    const connected = opened.reduce((sum, s) => sum + s.connected, 0)
    const connectSeconds = (lastConnect - firstDial) / 1000
    say(
      `  ${target.name}: ${connected.toLocaleString('en-US')} connected in ${connectSeconds.toFixed(1)} s; holding ${o.holdS} s (keepalive ${o.keepaliveS} s)`,
    )
    for (let s = 0; s < o.holdS; s += 10) {
      await new Promise((r) => setTimeout(r, Math.min(10, o.holdS - s) * 1000))
      const upNow = pools.reduce((sum, p) => sum + p.connected, 0)
      if (o.holdS > 10)
        say(`  ${target.name}: ${Math.min(o.holdS, s + 10)} s held, ${upNow.toLocaleString('en-US')} up`)
    }
    const end = await Promise.all(pools.map((p) => p.stats()))
    const after = await Promise.all(target.brokers.map((b) => settledRss(b.pid, b.forceGc)))
    const heapAfter = target.brokers.map((b) => b.heap?.())
    const sum = (pick: (s: (typeof end)[number]) => number) => end.reduce((total, s) => total + pick(s), 0)
    const errors: Record<string, number> = {}
    for (const s of end)
      for (const [code, k] of Object.entries(s.errors)) errors[code] = (errors[code] ?? 0) + k
    const held = sum((s) => s.connected)
    const rssBefore = before.reduce((a, b) => a + b, 0)
    const rssAfter = after.reduce((a, b) => a + b, 0)
    const heapGrowth = (field: 'heapUsed' | 'heapTotal') =>
      heapBefore.every(Boolean) && heapAfter.every(Boolean)
        ? heapAfter.reduce((sum, h, b) => sum + h![field] - heapBefore[b]![field], 0) / held
        : undefined
    return {
      target: target.name,
      brokers: n,
      connections: o.connections,
      held,
      connectSeconds,
      connectsPerS: connected / connectSeconds,
      rssBeforeBytes: rssBefore,
      rssAfterBytes: rssAfter,
      bytesPerConnection: (rssAfter - rssBefore) / held,
      heapUsedPerConnection: heapGrowth('heapUsed'),
      heapTotalPerConnection: heapGrowth('heapTotal'),
      perBroker: target.brokers.map((_, b) => ({
        connections: share(b),
        rssBeforeBytes: before[b]!,
        rssAfterBytes: after[b]!,
        bytesPerConnection: (after[b]! - before[b]!) / end[b]!.connected,
      })),
      keepaliveS: o.keepaliveS,
      holdS: o.holdS,
      pingsSent: sum((s) => s.pingsSent),
      pingResponses: sum((s) => s.pingResponses),
      drops: sum((s) => s.drops),
      refused: sum((s) => s.refused),
      failed: sum((s) => s.failed),
      errors,
      sourceAddresses: nextAddress - (o.firstAddress ?? 2),
    }
  } finally {
    await Promise.all(pools.map((p) => p.close()))
  }
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`
