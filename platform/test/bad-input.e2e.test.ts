import mqtt from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorCode, newClientMsgId } from '@tidings/proto'
import { connectDevice, devToken, startPlatform, waitFor } from './helpers.ts'
import { loadSchema, rawConnect, type RawClient } from './protocol-client.ts'

/** Bad input gets an error event or a CONNACK refusal, nothing is stored, and everyone else keeps working. */
describe('bad input', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  let schema: Awaited<ReturnType<typeof loadSchema>>
  let mallory: RawClient
  let chatId: string
  let bystanders: {
    alice: Awaited<ReturnType<typeof connectDevice>>
    bob: Awaited<ReturnType<typeof connectDevice>>
  }

  beforeAll(async () => {
    platform = await startPlatform({ TIDINGS_MAX_BODY_BYTES: '1024' })
    schema = await loadSchema()
    const alice = await connectDevice(platform, 'alice', 'phone')
    const bob = await connectDevice(platform, 'bob', 'phone')
    bystanders = { alice, bob }
    chatId = (await alice.api.createDirectChat('bob')).id
    mallory = await rawConnect(
      platform.mqttUrl,
      'mallory/laptop',
      await devToken(platform.httpUrl, 'mallory'),
    )
  })
  afterAll(async () => {
    await mallory.close()
    await bystanders.alice.close()
    await bystanders.bob.close()
    await platform.cleanup()
  })

  /** Publishes, waits for the PUBACK and the error event that answers it. */
  async function expectError(topic: string, payload: Buffer, code: ErrorCode) {
    const seen = mallory.events.length
    await mallory.mqtt.publishAsync(topic, payload, { qos: 1 })
    await waitFor(() => mallory.events.slice(seen).some((e) => e.error), `error ${code}`)
    const error = mallory.events.slice(seen).find((e) => e.error)!.error
    expect(error).toMatchObject({ code, deviceId: 'laptop' })
    expect(mallory.mqtt.connected).toBe(true)
    return error
  }
  const send = (over: Record<string, unknown> = {}) =>
    Buffer.from(
      schema.ClientEnvelope.encode({
        send: { chatId, clientMsgId: newClientMsgId(), body: Buffer.from('x'), ...over },
      }).finish(),
    )

  /** The bystanders can still talk, and the chat holds only their messages. */
  async function othersStillWork() {
    const before = bystanders.bob.received.length
    const { seq } = await bystanders.alice.send(chatId, `still here ${before}`)
    await waitFor(() => bystanders.bob.received.length === before + 1, 'bystander delivery')
    const log = (await bystanders.bob.history(chatId, { after: 0, limit: 200 })).messages
    expect(log.every((m) => m.senderId === 'alice')).toBe(true)
    expect(log.at(-1)?.seq).toBe(seq)
  }

  it('malformed protobuf: MALFORMED_PAYLOAD', async () => {
    await expectError(
      's/mallory',
      Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]),
      ErrorCode.MALFORMED_PAYLOAD,
    )
    await othersStillWork()
  })

  it('a body over the limit: PAYLOAD_TOO_LARGE', async () => {
    await expectError('s/mallory', send({ body: Buffer.alloc(1025) }), ErrorCode.PAYLOAD_TOO_LARGE)
    await expectError('s/mallory', send({ body: Buffer.alloc(200_000) }), ErrorCode.PAYLOAD_TOO_LARGE)
    await othersStillWork()
  })

  it('publishing to a topic the user does not own: FORBIDDEN_TOPIC, nothing reaches the owner', async () => {
    const bobBefore = bystanders.bob.received.length
    await expectError('s/bob', send(), ErrorCode.FORBIDDEN_TOPIC)
    await expectError('u/bob', send(), ErrorCode.FORBIDDEN_TOPIC)
    await expectError('anything/else', send(), ErrorCode.FORBIDDEN_TOPIC)
    expect(bystanders.bob.received.length).toBe(bobBefore)
    await othersStillWork()
  })

  it("subscribing to another user's inbox is refused with SUBACK 0x80", async () => {
    // mqtt.js turns a 0x80 return code into a rejected subscribe carrying the SUBACK
    for (const topic of ['u/bob', 'u/#', 'u/bob/phone', 's/mallory']) {
      const refused = await mallory.mqtt.subscribeAsync(topic, { qos: 1 }).then(
        () => undefined,
        (err: unknown) => err,
      )
      expect((refused as { packet?: { granted?: number[] } })?.packet?.granted).toEqual([128])
    }
    expect(mallory.mqtt.connected).toBe(true)
  })

  it('a send to a chat the user is not in: NOT_A_MEMBER; to no chat: UNKNOWN_CHAT; bad fields: INVALID_REQUEST', async () => {
    const error = await expectError('s/mallory', send(), ErrorCode.NOT_A_MEMBER)
    expect(error.chatId).toBe(chatId)
    expect(error.clientMsgId).toHaveLength(16)
    await expectError('s/mallory', send({ chatId: 'no-such-chat' }), ErrorCode.UNKNOWN_CHAT)
    await expectError('s/mallory', send({ clientMsgId: Buffer.from('short') }), ErrorCode.INVALID_REQUEST)
    await expectError('s/mallory', Buffer.alloc(0), ErrorCode.UNSUPPORTED_EVENT)
    await othersStillWork()
  })

  it('a packet over the MQTT size cap closes only that connection', async () => {
    const hog = await rawConnect(platform.mqttUrl, 'mallory/hog', await devToken(platform.httpUrl, 'mallory'))
    const closed = new Promise<void>((r) => hog.mqtt.once('close', () => r()))
    hog.mqtt.publish('s/mallory', Buffer.alloc(2 * 1024 * 1024), { qos: 1 })
    await closed
    hog.mqtt.end(true)
    await othersStillWork()
  })

  describe('CONNECT refusals', () => {
    const refusal = (clientId: string, password?: string) =>
      new Promise<number | undefined>((resolve) => {
        const c = mqtt.connect(platform.mqttUrl, {
          clientId,
          ...(password ? { password, username: 'x' } : {}),
          reconnectPeriod: 0,
          protocolVersion: 4,
        })
        c.once('error', (err) => {
          c.end(true)
          resolve((err as { code?: number }).code)
        })
        c.once('connect', () => {
          c.end(true)
          resolve(0)
        })
      })

    it("no token, a bad token, an expired token, someone else's token, a bad client id", async () => {
      const { createTokenService } = await import('@tidings/broker')
      const { readFileSync } = await import('node:fs')
      const secret = readFileSync(`${platform.dataDir}/jwt-secret`, 'utf8').trim()
      const expired = await createTokenService(secret).issue('alice', -60)
      const forged = await createTokenService('x'.repeat(40)).issue('alice')
      const alicesToken = await devToken(platform.httpUrl, 'alice')
      expect(await refusal('alice/phone2')).toBe(4)
      expect(await refusal('alice/phone2', 'not-a-jwt')).toBe(4)
      expect(await refusal('alice/phone2', forged)).toBe(4)
      expect(await refusal('alice/phone2', expired)).toBe(4)
      expect(await refusal('bob/phone2', alicesToken)).toBe(5)
      expect(await refusal('no-device-part', alicesToken)).toBe(2)
      expect(await refusal('alice/phone2', alicesToken)).toBe(0)
      await othersStillWork()
    })

    it('the REST API answers bad tokens with 401 and a stable code', async () => {
      const res = await fetch(`${platform.httpUrl}/v1/chats`, { headers: { authorization: 'Bearer nope' } })
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'token is invalid' } })
      const none = await fetch(`${platform.httpUrl}/v1/chats`)
      expect(none.status).toBe(401)
      const mine = await devToken(platform.httpUrl, 'mallory')
      const foreign = await fetch(`${platform.httpUrl}/v1/chats/${chatId}/messages`, {
        headers: { authorization: `Bearer ${mine}` },
      })
      expect(foreign.status).toBe(403)
      expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('NOT_A_MEMBER')
    })
  })
})
