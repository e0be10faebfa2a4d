import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chaosDevice, sleep } from './convergence.ts'
import { connectDevice, startPlatform, waitFor } from './helpers.ts'

describe('reconnectNow (embedded platform)', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  beforeAll(async () => {
    platform = await startPlatform()
  })
  afterAll(async () => platform.cleanup())

  it('drops an attempt hanging on a dead network and connects at once when the app says it is back', async () => {
    const device = await chaosDevice(platform.mqttUrl, platform.httpUrl, 'nina', 'phone', Math.random)
    // the network goes silent: the next attempt hangs until its 10 s connect timeout
    device.proxy.pause('blackhole')
    await sleep(1_500)
    expect(device.connected).toBe(false)
    device.proxy.heal({ keepBlackholed: true })
    const healedAt = Date.now()
    device.reconnectNow()
    await waitFor(() => device.connected, 'the reconnect', 1_000)
    expect(Date.now() - healedAt).toBeLessThan(1_000)
    device.reconnectNow() // connected: nothing happens
    expect(device.connected).toBe(true)
    await device.close()
    await device.proxy.close()
  })

  it('close() returns at once when a receipt was sent on a link that died unnoticed', async () => {
    const bob = await connectDevice(platform, 'bob', 'phone')
    const device = await chaosDevice(platform.mqttUrl, platform.httpUrl, 'nina', 'laptop', Math.random)
    const dm = await device.api.createDirectChat('bob')
    await bob.send(dm.id, 'hello')
    await waitFor(() => device.logs.get(dm.id)?.length === 1, 'the message')
    // the connection still looks alive, but nothing the server sends arrives: no PUBACK
    device.proxy.deafen()
    device.markRead(dm.id, 1)
    await sleep(200)
    expect(device.connected).toBe(true)
    const started = Date.now()
    await device.close() // a graceful end would wait for that PUBACK for ever
    expect(Date.now() - started).toBeLessThan(1_000)
    await bob.close()
  })
})
