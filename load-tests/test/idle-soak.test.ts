import { expect, it } from 'vitest'
import { runIdleSoak, type IdleSoakOptions } from '../src/idle-soak.ts'
import { mosquittoIdleTarget, tidingsIdleTarget } from '../src/idle-targets.ts'
import { baselineAndPlatform } from './baseline-and-platform.ts'

// The short form of `npm run bench:idle`: 200 idle connections with keepalive to the embedded
// platform (its own process) and to Mosquitto, RSS read before and after.
const servers = baselineAndPlatform()

const options: IdleSoakOptions = { connections: 200, keepaliveS: 1, holdS: 3, warmup: 20, concurrency: 100 }

it('holds 200 idle connections on Mosquitto and on Tidings, answers every ping, and reads broker RSS', async () => {
  for (const target of [
    mosquittoIdleTarget(servers.mosquitto),
    tidingsIdleTarget('Tidings embedded', servers.tidings.platforms, servers.tidings.jwtSecret),
  ]) {
    const r = await runIdleSoak(target, options)
    expect(r).toMatchObject({ held: 200, drops: 0, refused: 0, failed: 0, errors: {} })
    // Keepalive 1 s held 3 s: every connection pinged at least twice, and every ping was answered.
    expect(r.pingsSent).toBeGreaterThanOrEqual(400)
    expect(r.pingResponses).toBe(r.pingsSent)
    expect(r.connectsPerS).toBeGreaterThan(20)
    expect(r.rssBeforeBytes).toBeGreaterThan(1 << 20)
    // 200 connections are too few for a precise figure; this catches gross leaks only.
    expect(Math.abs(r.bytesPerConnection)).toBeLessThan(200_000)
  }
}, 120_000)
