import { LatencyRecorder, type LatencySummary } from './latency.ts'
import { cpuSeconds, mainThreadCpuSeconds } from './proc-stats.ts'
import type { Pair, Target } from './targets/target.ts'

export interface PairsOptions {
  pairs: number
  /** Messages per second over all pairs; Infinity = as fast as the window allows. */
  rate: number
  warmupS: number
  measureS: number
  bodyBytes: number
  /** Messages a sender may have sent but not yet seen persisted (bounds the saturation run). */
  window: number
  progress?: (line: string) => void
}

export interface PairsResult {
  target: string
  pairs: number
  offeredPerS: number
  /** Messages sent during the measuring window. */
  sent: number
  /** Confirmations (acks / PUBACKs) and deliveries that arrived during the window, per second. */
  persistedPerS: number
  deliveredPerS: number
  latencyMs: LatencySummary
  lost: number
  duplicates: number
  outOfOrder: number
  /**
   * CPU time per persisted message during the window, in µs: the target's server processes
   * (all of them, Redis and Cassandra included) and this load generator. On a machine whose
   * cores they share, this is what decides how far the rate can go.
   */
  serverCpuUsPerMessage?: number
  /** The same for the server processes' main threads only (summed). */
  serverMainThreadCpuUsPerMessage?: number
  loadGeneratorCpuUsPerMessage: number
  cdf: [number, number][]
}

// Body layout: pair (u32), counter (u32), send time in ms since the time origin (f64), padding.
const HEADER = 16

/**
 * The 1:1 pairs scenario: every pair's sender publishes numbered messages at its share of the
 * offered rate; the receiver checks each arrives once and in order and records send-to-delivery
 * latency. Only messages sent in the measuring window count.
 */
export async function runPairs(target: Target, o: PairsOptions): Promise<PairsResult> {
  const latency = new LatencyRecorder()
  const expected = new Int32Array(o.pairs) // next counter each receiver expects
  const outstanding = new Int32Array(o.pairs)
  let measuring = false
  let measureStart = Infinity
  let measureEnd = Infinity
  let persistedInWindow = 0
  let deliveredInWindow = 0 // arrived during the window
  let deliveredOfWindow = 0 // sent during the window, arrived whenever
  let duplicates = 0
  let outOfOrder = 0
  const firstMeasured = new Int32Array(o.pairs).fill(-1)
  const pids = target.serverPids?.() ?? []
  const sum = (read: (pid: number) => number) => pids.reduce((total, pid) => total + read(pid), 0)
  const cpu = () => {
    const { user, system } = process.cpuUsage()
    return { server: sum(cpuSeconds), serverMain: sum(mainThreadCpuSeconds), own: (user + system) / 1e6 }
  }
  let cpuAtStart = { server: 0, serverMain: 0, own: 0 }
  let cpuAtEnd = cpuAtStart
  const sentCount = new Int32Array(o.pairs)

  const pairs: Pair[] = []
  for (let i = 0; i < o.pairs; i++) {
    pairs.push(
      await target.connectPair(i, {
        delivered(body) {
          const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
          const pair = view.getUint32(0)
          const n = view.getUint32(4)
          const sentAt = view.getFloat64(8)
          const now = performance.now()
          if (n < expected[pair]!) duplicates++
          else {
            if (n > expected[pair]!) outOfOrder++
            expected[pair] = n + 1
          }
          if (now >= measureStart && now < measureEnd) deliveredInWindow++
          if (sentAt >= measureStart && sentAt < measureEnd) {
            latency.record(now - sentAt)
            deliveredOfWindow++
          }
        },
        persisted() {
          outstanding[i]!--
          const now = performance.now()
          if (now >= measureStart && now < measureEnd) persistedInWindow++
        },
      }),
    )
  }

  const body = new Uint8Array(Math.max(o.bodyBytes, HEADER))
  const view = new DataView(body.buffer)
  const send = (i: number) => {
    view.setUint32(0, i)
    view.setUint32(4, sentCount[i]!)
    view.setFloat64(8, performance.now())
    if (measuring && firstMeasured[i] === -1) firstMeasured[i] = sentCount[i]!
    sentCount[i]!++
    outstanding[i]!++
    pairs[i]!.send(body)
  }

  const start = performance.now()
  const stopAt = start + (o.warmupS + o.measureS) * 1000
  let sent = 0
  let next = 0
  let lastReport = start
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now()
      if (!measuring && now >= start + o.warmupS * 1000) {
        measuring = true
        measureStart = now
        cpuAtStart = cpu()
      }
      if (now >= stopAt) {
        measureEnd = now
        cpuAtEnd = cpu()
        return resolve()
      }
      const due = Number.isFinite(o.rate) ? Math.floor(((now - start) / 1000) * o.rate) - sent : 2000
      for (let k = 0, skipped = 0; k < due && skipped < o.pairs;) {
        const i = next++ % o.pairs
        if (outstanding[i]! >= o.window) {
          skipped++
          continue
        }
        send(i)
        sent++
        k++
      }
      if (o.progress && now - lastReport > 1000) {
        lastReport = now
        o.progress(
          `  ${target.name}: ${((now - start) / 1000).toFixed(0)} s, sent ${sent}, persisted in window ${persistedInWindow}`,
        )
      }
      setTimeout(tick, 2)
    }
    tick()
  })
  const measuredSent = Array.from(sentCount, (c, i) => (firstMeasured[i] === -1 ? 0 : c - firstMeasured[i]!))
  const totalMeasured = measuredSent.reduce((a, b) => a + b, 0)
  // Let the window's messages arrive while they keep coming (5 s without progress ends it, 120 s
  // at most), then count what never did.
  for (
    let idle = 0, last = -1, waited = 0;
    deliveredOfWindow < totalMeasured && idle < 5000 && waited < 120_000;
  ) {
    await new Promise((r) => setTimeout(r, 50))
    waited += 50
    idle = deliveredOfWindow === last ? idle + 50 : 0
    last = deliveredOfWindow
  }
  await Promise.all(pairs.map((p) => p.close()))
  const seconds = (measureEnd - measureStart) / 1000
  const usPerMessage = (of: keyof typeof cpuAtStart) =>
    ((cpuAtEnd[of] - cpuAtStart[of]) * 1e6) / persistedInWindow
  return {
    target: target.name,
    pairs: o.pairs,
    offeredPerS: o.rate,
    sent: totalMeasured,
    persistedPerS: persistedInWindow / seconds,
    deliveredPerS: deliveredInWindow / seconds,
    latencyMs: latency.summary(),
    lost: Math.max(0, totalMeasured - deliveredOfWindow),
    duplicates,
    outOfOrder,
    serverCpuUsPerMessage: pids.length ? usPerMessage('server') : undefined,
    serverMainThreadCpuUsPerMessage: pids.length ? usPerMessage('serverMain') : undefined,
    loadGeneratorCpuUsPerMessage: usPerMessage('own'),
    cdf: latency.cdf(),
  }
}
