import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { devToken, startPlatform, waitFor } from './helpers.ts'
import { loadSchema, rawConnect } from './protocol-client.ts'

describe('an independent client following docs/protocol.md (plain mqtt.js + tidings.proto, no SDK)', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  beforeAll(async () => {
    platform = await startPlatform()
  })
  afterAll(async () => platform.cleanup())

  it("logs in, creates a chat over REST, sends, gets its ack, and receives the other side's messages", async () => {
    const { ClientEnvelope } = await loadSchema()
    const login = async (user: string) => devToken(platform.httpUrl, user)
    const ann = await rawConnect(platform.mqttUrl, 'ann/cli', await login('ann'))
    const ben = await rawConnect(platform.wsUrl, 'ben/browser', await login('ben'))
    // no SUBSCRIBE needed (the broker subscribes u/<user> and u/<user>/<device> at CONNECT); doing it is harmless
    await ann.mqtt.subscribeAsync(['u/ann'], { qos: 1 })
    const res = await fetch(`${platform.httpUrl}/v1/chats`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await login('ann')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'direct', userId: 'ben' }),
    })
    const chat = (await res.json()) as { id: string }
    const clientMsgId = Buffer.from(randomUUID().replace(/-/g, ''), 'hex')
    const envelope = ClientEnvelope.encode({
      send: { chatId: chat.id, clientMsgId, body: Buffer.from('hello ben') },
    }).finish()
    await ann.mqtt.publishAsync('s/ann', Buffer.from(envelope), { qos: 1 })

    // the ack: ann's own copy on her inbox, with her client_msg_id and device
    await waitFor(() => ann.events.some((e) => e.message), 'ack')
    const own = ann.events.find((e) => e.message)!.message
    expect(own).toMatchObject({ chatId: chat.id, seq: 1, senderDevice: 'cli' })
    expect(Buffer.from(own.clientMsgId).equals(clientMsgId)).toBe(true)
    expect(ann.events.some((e) => e.ack)).toBe(false)
    await waitFor(() => ben.events.some((e) => e.message), 'delivery to ben')
    const delivered = ben.events.find((e) => e.message)!.message
    expect(delivered).toMatchObject({ chatId: chat.id, seq: 1, senderId: 'ann', senderDevice: 'cli' })
    expect(Buffer.from(delivered.body).toString()).toBe('hello ben')
    // exactly once, despite the explicit SUBSCRIBE on top of the automatic one
    await new Promise((r) => setTimeout(r, 200))
    expect(ann.events.filter((e) => e.message)).toHaveLength(1)
    await Promise.all([ann.close(), ben.close()])
  })
})
