import { afterAll, beforeAll, expect, it } from 'vitest'
import { comparisonMarkdown, runComparison, type ComparisonOptions } from '../src/comparison.ts'
import { startEmbeddedProcess } from '../src/embedded-process.ts'
import { startMosquitto } from '../src/servers.ts'
import { mosquittoTarget } from '../src/targets/mosquitto.ts'
import { tidingsTarget } from '../src/targets/tidings.ts'

// The short form of `npm run bench:embedded`, so the harness cannot rot: real Mosquitto, the real
// embedded platform as its own process, a few seconds of the pairs scenario on each.
let mosquitto: Awaited<ReturnType<typeof startMosquitto>>
let platform: Awaited<ReturnType<typeof startEmbeddedProcess>>
beforeAll(async () => {
  ;[mosquitto, platform] = await Promise.all([startMosquitto(), startEmbeddedProcess()])
}, 120_000)
afterAll(async () => {
  await Promise.all([mosquitto?.stop(), platform?.stop()])
})

it('runs the pairs scenario against Mosquitto and Tidings and reports both', async () => {
  const options: ComparisonOptions = {
    pairs: 5,
    rates: [300],
    warmupS: 0.5,
    measureS: 2,
    saturationS: 0,
    warmupRunS: 0,
    bodyBytes: 100,
    say: () => {},
  }
  const results = await runComparison(
    [
      () => mosquittoTarget(mosquitto.url),
      () =>
        tidingsTarget('Tidings embedded', {
          senderBrokers: [platform.mqttUrl],
          receiverBrokers: [platform.mqttUrl],
          httpUrl: platform.httpUrl,
        }),
    ],
    options,
  )
  expect(results.map((r) => r.result.target)).toEqual(['Mosquitto (relay baseline)', 'Tidings embedded'])
  for (const { result } of results) {
    expect(result.sent).toBeGreaterThan(300)
    expect(result).toMatchObject({ lost: 0, duplicates: 0, outOfOrder: 0 })
    expect(result.deliveredPerS).toBeGreaterThan(200)
    expect(result.latencyMs.p99).toBeGreaterThan(0)
  }
  const { markdown } = comparisonMarkdown('Harness check', '', options, results)
  expect(markdown).toContain('| fixed 300/s | Tidings embedded |')
}, 60_000)
