import { LatencyRecorder, type LatencySummary } from './latency.ts'
import { f0, f1 } from './report.ts'
import type { GroupTarget } from './targets/group-target.ts'

export interface GroupOptions {
  members: number
  /** Members 0..senders-1 post; every member (senders too) must receive every message. */
  senders: number
  /** Messages per second over all senders. */
  rate: number
  warmupS: number
  measureS: number
  bodyBytes: number
  progress?: (line: string) => void
}

export interface GroupResult {
  target: string
  members: number
  senders: number
  offeredPerS: number
  /** Messages sent during the measuring window. */
  sent: number
  /** Member deliveries that arrived during the window, per second. */
  deliveredPerS: number
  /** Send → receipt, one sample per member per message. */
  latencyMs: LatencySummary
  /** Send → receipt on the last member: when the message had reached every member. */
  everyMemberMs: LatencySummary
  /** Deliveries (member × message) of the window's messages that never arrived. */
  lost: number
  duplicates: number
  outOfOrder: number
  cdf: [number, number][]
}

// Body layout: sender (u32), counter (u32), send time in ms since the time origin (f64), padding.
const HEADER = 16

/**
 * The group fan-out scenario: a few senders post numbered messages to one group at a fixed
 * rate; every member checks each message arrives once and in each sender's order, and records
 * send-to-receipt latency. Only messages sent in the measuring window count.
 */
export async function runGroup(target: GroupTarget, o: GroupOptions): Promise<GroupResult> {
  const latency = new LatencyRecorder()
  const everyMember = new LatencyRecorder()
  const expected = new Int32Array(o.members * o.senders) // per (member, sender): next counter
  const sentCount = new Int32Array(o.senders)
  const firstMeasured = new Int32Array(o.senders).fill(-1)
  /** Per message of the window (sender * 2^24 + counter): how many members still miss it. */
  const missing = new Map<number, number>()
  let measureStart = Infinity
  let measureEnd = Infinity
  let deliveredInWindow = 0
  let deliveredOfWindow = 0
  let duplicates = 0
  let outOfOrder = 0

  const group = await target.connectGroup({
    members: o.members,
    progress: o.progress,
    delivered(member, body) {
      const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
      const sender = view.getUint32(0)
      const n = view.getUint32(4)
      const sentAt = view.getFloat64(8)
      const now = performance.now()
      const slot = member * o.senders + sender
      if (n < expected[slot]!) return void duplicates++
      if (n > expected[slot]!) outOfOrder++
      expected[slot] = n + 1
      if (now >= measureStart && now < measureEnd) deliveredInWindow++
      if (sentAt >= measureStart && sentAt < measureEnd) {
        latency.record(now - sentAt)
        deliveredOfWindow++
        const key = sender * 2 ** 24 + n
        const left = (missing.get(key) ?? o.members) - 1
        if (left > 0) missing.set(key, left)
        else {
          missing.delete(key)
          everyMember.record(now - sentAt)
        }
      }
    },
  })

  const body = new Uint8Array(Math.max(o.bodyBytes, HEADER))
  const view = new DataView(body.buffer)
  const start = performance.now()
  const stopAt = start + (o.warmupS + o.measureS) * 1000
  let sent = 0
  let lastReport = start
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now()
      if (measureStart === Infinity && now >= start + o.warmupS * 1000) measureStart = now
      if (now >= stopAt) {
        measureEnd = now
        return resolve()
      }
      for (let due = Math.floor(((now - start) / 1000) * o.rate) - sent; due > 0; due--) {
        const sender = sent++ % o.senders
        view.setUint32(0, sender)
        view.setUint32(4, sentCount[sender]!)
        view.setFloat64(8, performance.now())
        if (measureStart !== Infinity && firstMeasured[sender] === -1)
          firstMeasured[sender] = sentCount[sender]!
        sentCount[sender]!++
        group.send(sender, body)
      }
      if (o.progress && now - lastReport > 1000) {
        lastReport = now
        o.progress(
          `  ${target.name}: ${((now - start) / 1000).toFixed(0)} s, sent ${sent}, deliveries in window ${deliveredInWindow}`,
        )
      }
      setTimeout(tick, 5)
    }
    tick()
  })
  const sentInWindow = Array.from(sentCount, (c, i) => (firstMeasured[i] === -1 ? 0 : c - firstMeasured[i]!))
  const totalSent = sentInWindow.reduce((a, b) => a + b, 0)
  const expectedDeliveries = totalSent * o.members
  // Let the window's messages arrive while they keep coming (5 s without progress ends it).
  for (
    let idle = 0, last = -1, waited = 0;
    deliveredOfWindow < expectedDeliveries && idle < 5000 && waited < 120_000;
  ) {
    await new Promise((r) => setTimeout(r, 50))
    waited += 50
    idle = deliveredOfWindow === last ? idle + 50 : 0
    last = deliveredOfWindow
  }
  await group.close()
  return {
    target: target.name,
    members: o.members,
    senders: o.senders,
    offeredPerS: o.rate,
    sent: totalSent,
    deliveredPerS: deliveredInWindow / ((measureEnd - measureStart) / 1000),
    latencyMs: latency.summary(),
    everyMemberMs: everyMember.summary(),
    lost: Math.max(0, expectedDeliveries - deliveredOfWindow),
    duplicates,
    outOfOrder,
    cdf: latency.cdf(),
  }
}

export function groupTable(results: GroupResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.target} | ${r.members} | ${r.senders} | ${f0(r.offeredPerS)} | ${r.sent} | ${f0(r.deliveredPerS)} | ${f1(r.latencyMs.p50)} | ${f1(r.latencyMs.p95)} | ${f1(r.latencyMs.p99)} | ${f1(r.latencyMs.p999)} | ${f1(r.everyMemberMs.p50)} | ${f1(r.everyMemberMs.p99)} | ${r.lost} | ${r.duplicates} | ${r.outOfOrder} |`,
  )
  return [
    '| target | members | senders | messages/s | messages | deliveries/s | p50 ms | p95 ms | p99 ms | p99.9 ms | all members p50 ms | all members p99 ms | lost | dup | out of order |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n')
}
