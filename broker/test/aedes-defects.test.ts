import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { encodeClientEnvelope, encodeServerEnvelope, inboxTopic, newClientMsgId } from '@tidings/proto'
import { startNode, waitFor } from './harness.ts'

/**
 * One regression test per Aedes defect that the Tidings send path works around (DESIGN.md,
 * "Decisive facts"), on the in-memory emitter (embedded) and on Redis (cluster).
 */
describe.each([
  ['embedded: in-memory emitter and persistence', false],
  ['cluster: mqemitter-redis and aedes-persistence-redis', true],
])('Aedes defect workarounds, %s', (_name, onRedis) => {
  let node: Awaited<ReturnType<typeof startNode>>
  beforeEach(async () => {
    node = await startNode(onRedis ? inject('redis') : undefined)
  })
  afterEach(async () => node.close())

  it('aedes#955: a live QoS1 delivery arriving out of brokerCounter order is not dropped', async () => {
    const bob = await node.connect('bob', 'phone')
    await new Promise((r) => setTimeout(r, 100)) // inbox subscription live
    // What mqemitter-redis does in a cluster: packets of another broker arrive out of counter order.
    const packet = (counter: number) => ({
      cmd: 'publish',
      topic: inboxTopic('bob'),
      qos: 1,
      retain: false,
      dup: false,
      brokerId: 'other-node',
      brokerCounter: counter,
      payload: Buffer.from(encodeServerEnvelope({ chatUpdate: { chatId: `c${counter}` } })),
    })
    const mq = (node.broker.aedes as unknown as { mq: { emit(p: unknown, cb: () => void): void } }).mq
    for (const counter of [5, 3, 4, 1]) await new Promise<void>((r) => mq.emit(packet(counter), r))
    await waitFor(() => bob.events.length === 4, 'all four deliveries')
    expect(bob.events.map((e) => e.chatUpdate?.chatId)).toEqual(['c5', 'c3', 'c4', 'c1'])
    await bob.endAsync()
  })

  it('concurrent authorizePublish per socket: a burst of sends is stored and acked in publish order', async () => {
    const chat = (await node.store.createDirect('alice', 'bob')).chat
    const alice = await node.connect('alice', 'phone')
    const ids = Array.from({ length: 300 }, () => newClientMsgId())
    // one write: the whole burst lands in one socket read, which Aedes handles concurrently
    const frames = ids.map((clientMsgId) =>
      encodeClientEnvelope({ send: { chatId: chat.id, clientMsgId, body: Buffer.from('x') } }),
    )
    for (const frame of frames) alice.publish('s/alice', Buffer.from(frame), { qos: 1 })
    // each send is acked by alice's own copy of it on her inbox
    await waitFor(() => alice.events.filter((e) => e.message).length === 300, '300 acks')
    const seqByMsg = new Map(
      alice.events
        .filter((e) => e.message)
        .map((e) => [Buffer.from(e.message!.clientMsgId!).toString('hex'), e.message!.seq!]),
    )
    expect(ids.map((id) => seqByMsg.get(Buffer.from(id).toString('hex')))).toEqual(
      Array.from({ length: 300 }, (_, i) => i + 1),
    )
    await alice.endAsync()
  })

  it('PUBLISH before CONNACK / subscribe-at-CONNECT: the answer to a request sent right after CONNACK is never lost', async () => {
    // The inbox subscription is made after CONNACK (so no PUBLISH can precede it); publishes
    // wait until it is live. Fifty devices each sync the moment they are connected.
    const devices = await Promise.all(Array.from({ length: 50 }, (_, i) => node.connect(`user${i}`, 'phone')))
    for (const d of devices)
      d.publish(`s/${d.options.clientId!.split('/')[0]}`, Buffer.from(encodeClientEnvelope({ sync: {} })), {
        qos: 1,
      })
    await waitFor(() => devices.every((d) => d.events.some((e) => e.sync)), 'every sync answered')
    await Promise.all(devices.map((d) => d.endAsync()))
  })

  it('persistent sessions: a device that reconnects with clean: false is subscribed and served like any other', async () => {
    // One subscribe call per topic: a multi-topic subscribe of a persistent session never
    // completes on aedes-persistence-redis (its SUBACK never comes), and a stalled subscribe
    // would hold the device's publishes forever.
    const chat = (await node.store.createDirect('dora', 'ed')).chat
    for (let round = 0; round < 2; round++) {
      const dora = await node.connect('dora', 'tablet', { clean: false })
      const id = newClientMsgId()
      dora.publish(
        's/dora',
        Buffer.from(
          encodeClientEnvelope({ send: { chatId: chat.id, clientMsgId: id, body: Buffer.from('hi') } }),
        ),
        { qos: 1 },
      )
      await waitFor(
        () => dora.events.some((e) => e.message && Buffer.from(e.message.clientMsgId!).equals(id)),
        `own copy, round ${round}`,
      )
      await dora.endAsync()
    }
  })

  it('PUBLISH before CONNACK on a persistent-session reconnect: with deliveries queued while it was away, the device connects, is served and loses nothing', async () => {
    // Aedes replays a persistent session's queued QoS1 deliveries as it restores the session,
    // which can put a PUBLISH ahead of the CONNACK (DESIGN, Aedes defect list): mqtt.js then
    // never reports the connection. The device must connect, and sync must show every message.
    const chat = (await node.store.createDirect('fay', 'gus')).chat
    const away = await node.connect('fay', 'laptop', { clean: false })
    await new Promise((r) => setTimeout(r, 100)) // inbox subscriptions live and persisted
    await away.endAsync()
    const gus = await node.connect('gus', 'phone')
    for (let i = 0; i < 20; i++)
      gus.publish(
        's/gus',
        Buffer.from(
          encodeClientEnvelope({
            send: { chatId: chat.id, clientMsgId: newClientMsgId(), body: Buffer.from(`m${i}`) },
          }),
        ),
        { qos: 1 },
      )
    await waitFor(() => gus.events.filter((e) => e.message).length >= 20, "gus's 20 sends stored")
    const fay = await Promise.race([
      node.connect('fay', 'laptop', { clean: false }),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('no CONNACK within 5 s of a persistent-session reconnect')), 5_000),
      ),
    ])
    // The case this test is about: the session's queue replayed on reconnect.
    const replayedSeqs = () => new Set(fay.events.filter((e) => e.message).map((e) => Number(e.message!.seq)))
    await waitFor(() => replayedSeqs().size >= 20, 'the 20 deliveries queued while away')
    expect([...replayedSeqs()].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    fay.publish(
      's/fay',
      Buffer.from(encodeClientEnvelope({ sync: { cursors: [{ chatId: chat.id, seq: 0 }] } })),
      {
        qos: 1,
      },
    )
    await waitFor(() => fay.events.some((e) => e.sync), 'sync answered')
    const state = fay.events.find((e) => e.sync)!.sync!.chats!.find((c) => c.chatId === chat.id)
    expect(Number(state?.lastSeq)).toBe(20)
    await Promise.all([fay.endAsync(), gus.endAsync()])
  })
})
