import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chaosDevice, sleep } from './convergence.ts'
import { startPlatform, waitFor } from './helpers.ts'

describe('reconnectNow (embedded platform)', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  beforeAll(async () => {
    platform = await startPlatform()
  })
  afterAll(async () => platform.cleanup())

  it('skips the backoff when the app says the network is back', async () => {
    const device = await chaosDevice(platform.mqttUrl, platform.httpUrl, 'nina', 'phone', Math.random)
    // a 4 s outage: the backoff after it is up to 0.5 s * 2^attempts (several seconds)
    device.proxy.pause('refuse')
    device.proxy.cutAll()
    await sleep(4_000)
    expect(device.connected).toBe(false)
    device.proxy.heal()
    const healedAt = Date.now()
    device.reconnectNow()
    await waitFor(() => device.connected, 'the reconnect', 1_000)
    expect(Date.now() - healedAt).toBeLessThan(1_000)
    device.reconnectNow() // connected: nothing happens
    expect(device.connected).toBe(true)
    await device.close()
    await device.proxy.close()
  })
})
