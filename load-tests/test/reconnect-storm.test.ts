import { expect, it } from 'vitest'
import { runReconnectStorm, type StormOptions } from '../src/reconnect-storm.ts'
import { mosquittoStormTarget, tidingsStormTarget } from '../src/storm-targets.ts'
import { baselineAndPlatform } from './baseline-and-platform.ts'

// The short form of `npm run bench:storm`: 50 clients dropped at once and back.
const servers = baselineAndPlatform()

const storm = (o: Pick<StormOptions, 'drop' | 'policy'>, firstAddress: number): StormOptions => ({
  clients: 50,
  keepaliveS: 30,
  timeoutS: 30,
  firstAddress,
  ...o,
})

it('50 clients cut at once all come back, on Mosquitto and on Tidings', async () => {
  for (const [i, target] of [
    mosquittoStormTarget(servers.mosquitto),
    tidingsStormTarget(servers.tidings),
  ].entries()) {
    const r = await runReconnectStorm(target, storm({ drop: 'cut', policy: 'immediate' }, 2 + 2 * i))
    expect(r).toMatchObject({ back: 50, refusedConnacks: 0 })
    expect(r.allBackMs).toBeGreaterThan(0)
    expect(r.allBackMs).toBeLessThan(30_000)
    expect(r.reconnectMs.max).toBeLessThanOrEqual(r.allBackMs + 1)
    expect(r.brokerPeakCpuCores).toBeGreaterThanOrEqual(0) // 50 connects may take under one 10 ms CPU tick
  }
}, 120_000)

it('50 clients all come back after the Tidings process is killed and restarted, with jittered backoff', async () => {
  const r = await runReconnectStorm(
    tidingsStormTarget(servers.tidings),
    storm({ drop: 'restart', policy: 'backoff' }, 6),
  )
  expect(r).toMatchObject({ back: 50, refusedConnacks: 0 })
  expect(r.allBackMs).toBeLessThan(30_000)
  expect(r.reconnectMs.p50).toBeGreaterThan(0)
  expect(r.brokerPeakRssBytes).toBeGreaterThan(1 << 20)
}, 120_000)
