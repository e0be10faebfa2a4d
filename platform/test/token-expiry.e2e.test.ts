import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTokenService } from '@tidings/broker'
import { TidingsClient } from '@tidings/sdk'
import { connectDevice, startPlatform, waitFor } from './helpers.ts'
import { rawConnect } from './protocol-client.ts'

const secret = randomBytes(32).toString('base64url')
const tokens = createTokenService(secret)

describe('token expiry on a live connection (embedded platform)', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  beforeAll(async () => {
    platform = await startPlatform({ TIDINGS_JWT_SECRET: secret })
  })
  afterAll(async () => platform.cleanup())

  it('cuts the connection with TOKEN_EXPIRED when its token expires; the old token is refused after', async () => {
    const token = await tokens.issue('olga', 2)
    const raw = await rawConnect(platform.mqttUrl, 'olga/raw', token)
    const closed = new Promise<void>((resolve) => raw.mqtt.once('close', () => resolve()))
    await closed
    expect(raw.events.map((e) => e.error?.code)).toEqual(['TOKEN_EXPIRED'])
    await raw.close()
    await expect(rawConnect(platform.mqttUrl, 'olga/raw', token)).rejects.toThrow(/Bad username or password/)
  })

  it('the SDK gets a fresh token through refreshToken, reconnects and loses nothing', async () => {
    const bob = await connectDevice(platform, 'bob', 'phone')
    // The refresh is held until bob has written while olga is away: the SDK may redial within
    // milliseconds (jittered backoff from 0), too fast to observe by polling `connected`.
    let refreshed = 0
    let releaseRefresh!: () => void
    const refreshHeld = new Promise<void>((resolve) => (releaseRefresh = resolve))
    const olga = await TidingsClient.connect({
      url: platform.mqttUrl,
      apiUrl: platform.httpUrl,
      token: await tokens.issue('olga', 2),
      userId: 'olga',
      deviceId: 'phone',
      refreshToken: async () => {
        refreshed++
        await refreshHeld
        return tokens.issue('olga', 3600)
      },
    })
    const received: number[] = []
    olga.onMessage((m) => received.push(m.seq))
    const dm = await olga.api.createDirectChat('bob')
    await bob.send(dm.id, 'before')
    await waitFor(() => refreshed === 1, 'the cut, and the SDK asking for a fresh token', 8_000)
    expect(olga.connected).toBe(false)
    await bob.send(dm.id, 'while away')
    releaseRefresh()
    await waitFor(() => olga.connected, 'the reconnect with a fresh token', 10_000)
    expect(refreshed).toBe(1)
    await bob.send(dm.id, 'after')
    await waitFor(() => received.length === 3, 'all three messages')
    expect(received).toEqual([1, 2, 3])
    expect((await olga.send(dm.id, 'mine')).seq).toBe(4)
    await Promise.all([olga.close(), bob.close()])
  })
})
