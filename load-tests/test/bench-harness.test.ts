import { afterAll, beforeAll, expect, it } from 'vitest'
import { comparisonSection, runComparison, type ComparisonOptions } from '../src/comparison.ts'
import { runGroup, type GroupOptions } from '../src/group.ts'
import { runOfflineSync } from '../src/offline-sync.ts'
import { reportMarkdown } from '../src/report.ts'
import { cdfSvg } from '../src/report-svg.ts'
import { startEmbeddedProcess } from '../src/embedded-process.ts'
import { startAedesRelay, startMosquitto } from '../src/servers.ts'
import { mosquittoGroupTarget } from '../src/targets/mosquitto.ts'
import { aedesRelayTarget, mosquittoTarget } from '../src/targets/relay.ts'
import { tidingsGroupTarget, tidingsTarget } from '../src/targets/tidings.ts'

// The short forms of `npm run bench` (pairs, group fan-out, offline sync), so the harness cannot
// rot: real Mosquitto, a real Aedes relay and the real embedded platform, each its own process,
// a few seconds of each.
let mosquitto: Awaited<ReturnType<typeof startMosquitto>>
let aedes: Awaited<ReturnType<typeof startAedesRelay>>
let platform: Awaited<ReturnType<typeof startEmbeddedProcess>>
beforeAll(async () => {
  ;[mosquitto, aedes, platform] = await Promise.all([
    startMosquitto(),
    startAedesRelay(),
    startEmbeddedProcess(),
  ])
}, 120_000)
afterAll(async () => {
  await Promise.all([mosquitto?.stop(), aedes?.stop(), platform?.stop()])
})

it('runs the pairs scenario against both baselines and Tidings and reports them', async () => {
  const options: ComparisonOptions = {
    pairs: 5,
    rates: [300],
    warmupS: 0.5,
    measureS: 2,
    saturationS: 1,
    warmupRunS: 0,
    bodyBytes: 100,
    say: () => {},
  }
  // Every target the runs made, to see which got their senders' copies back.
  const relays: { name: string; echoes: number }[] = []
  const keep = <T extends { name: string; echoes: number }>(target: T) => (relays.push(target), target)
  const results = await runComparison(
    [
      () => keep(mosquittoTarget(mosquitto.url)),
      () => keep(aedesRelayTarget(aedes.url)),
      () =>
        tidingsTarget('Tidings embedded', {
          senderBrokers: [platform.mqttUrl],
          receiverBrokers: [platform.mqttUrl],
          httpUrl: platform.httpUrl,
        }),
    ],
    options,
  )
  const names = ['Mosquitto (relay baseline)', 'Aedes relay + echo (framework baseline)', 'Tidings embedded']
  expect(results.map((r) => [r.phase, r.result.target])).toEqual(
    names.flatMap((name) => [
      ['fixed 300/s', name],
      ['flat out', name],
    ]),
  )
  // The framework baseline carries Tidings' wire pattern: each message back to its sender too.
  expect(relays.map((r) => [r.name, r.echoes > 0])).toEqual([
    [names[0], false],
    [names[0], false],
    [names[1], true],
    [names[1], true],
  ])
  for (const [i, relay] of relays.entries())
    if (relay.echoes) expect(relay.echoes).toBeGreaterThanOrEqual(results[i]!.result.sent)
  for (const { result, probeMs } of results) {
    expect(probeMs).toBeGreaterThan(0) // the machine's speed, measured before each phase
    expect(result.sent).toBeGreaterThan(300)
    expect(result).toMatchObject({ lost: 0, duplicates: 0, outOfOrder: 0 })
    expect(result.deliveredPerS).toBeGreaterThan(200)
    expect(result.latencyMs.p99).toBeGreaterThan(0)
  }
  const section = comparisonSection('Harness check', '', options, results)
  expect(section.markdown).toContain('| fixed 300/s | Tidings embedded |')
  // Tidings against each baseline, flat out.
  expect(section.markdown).toMatch(
    /Flat-out ratio Tidings embedded \/ Mosquitto \(relay baseline\) \(persisted\/s over the baseline's delivered\/s\): \d+\.\d\d/,
  )
  expect(section.markdown).toMatch(
    /Flat-out ratio Tidings embedded \/ Aedes relay \+ echo \(framework baseline\) \(persisted\/s over the baseline's delivered\/s\): \d+\.\d\d/,
  )
  expect(section.markdown).toContain('| probe ms |')
  expect(section.markdown).toContain('| server main-thread CPU µs/msg |')
  expect(section.charts[0]!.series.map((s) => s.name)).toEqual(names)
  const markdown = reportMarkdown('harness', 'Harness', [section])
  expect(markdown).toContain('![Harness check: pairs, fixed 300/s, send → delivery](harness-1.svg)')
  const svg = cdfSvg(section.charts[0]!.title, section.charts[0]!.series)
  expect(svg.match(/<path /g)).toHaveLength(3)
  expect(svg).toContain('Tidings embedded: p50 ')
}, 60_000)

it('runs the group fan-out scenario: every member gets every message once, in order', async () => {
  const options: GroupOptions = {
    members: 20,
    senders: 2,
    rate: 20,
    warmupS: 0.5,
    measureS: 2,
    bodyBytes: 100,
  }
  const targets = [
    mosquittoGroupTarget(mosquitto.url),
    tidingsGroupTarget('Tidings embedded', { brokers: [platform.mqttUrl], httpUrl: platform.httpUrl }),
  ]
  for (const target of targets) {
    const result = await runGroup(target, options)
    expect(result.sent).toBeGreaterThanOrEqual(35)
    expect(result).toMatchObject({ lost: 0, duplicates: 0, outOfOrder: 0 })
    expect(result.latencyMs.count).toBe(result.sent * 20)
    expect(result.everyMemberMs.count).toBe(result.sent)
  }
}, 60_000)

it('runs the offline-sync scenario: the SDK catches up on everything sent while it was cut off', async () => {
  const result = await runOfflineSync(
    { mqttUrl: platform.mqttUrl, httpUrl: platform.httpUrl },
    { chats: 5, messages: 50, rounds: 2, minOfflineMs: 600, timeoutMs: 20_000 },
  )
  expect(result).toMatchObject({ duplicates: 0, outOfOrder: 0 })
  for (const round of result.rounds) {
    expect(round).toMatchObject({ released: 50, missing: 0 })
    // The SDK noticed the outage and kept trying (its first retry comes within 500 ms), and the
    // figures are in order.
    expect(round.attemptsWhileOffline).toBeGreaterThan(0)
    expect(round.reconnectMs).toBeGreaterThanOrEqual(0)
    expect(round.fromRestoreMs).toBeGreaterThanOrEqual(round.fromReconnectMs)
  }
}, 60_000)
