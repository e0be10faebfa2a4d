import type { AedesPublishPacket, Client } from 'aedes'
import { Histogram, Registry } from 'prom-client'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { encodeServerEnvelope, inboxTopic } from '@tidings/proto'
import { DeliveryLatency } from '../src/delivery-latency.ts'
import { startNode, waitFor } from './harness.ts'

const messageSentAgo = (ms: number, seq: number) =>
  encodeServerEnvelope({ message: { chatId: 'c1', seq, senderId: 'alice', sentAt: Date.now() - ms } })

describe('DeliveryLatency, on the fields of Aedes clients it reads', () => {
  const setup = (subscriptionQos = 1) => {
    const histogram = new Histogram({ name: 'h', help: 'h', registers: [new Registry()] })
    const client = { _nextId: 65534, subscriptions: { 'u/bob': { qos: subscriptionQos } } }
    const deliver = (payload: Uint8Array, qos: 0 | 1 = 1) => {
      const packet = {
        cmd: 'publish',
        topic: 'u/bob',
        payload: Buffer.from(payload),
        qos,
        retain: false,
        dup: false,
      }
      const original = { ...packet, brokerId: 'b', brokerCounter: 1 } as AedesPublishPacket
      return { original, forwarded: latency.forwarded(client as unknown as Client, original) }
    }
    const latency = new DeliveryLatency(histogram)
    const count = async () => (await histogram.get()).values.find((v) => v.metricName === 'h_count')!.value
    return { client, deliver, latency, count }
  }

  it('gives chat-message deliveries the identifiers Aedes would (wrapping after 65535) and observes their PUBACKs', async () => {
    const { client, deliver, latency, count } = setup()
    const ids = [1, 2, 3].map((seq) => deliver(messageSentAgo(5, seq)).forwarded.messageId)
    expect(ids).toEqual([65534, 65535, 1])
    expect(client._nextId).toBe(2)
    latency.acked(client as unknown as Client, 65535)
    latency.acked(client as unknown as Client, 65535) // a second PUBACK of one id counts once
    latency.acked(client as unknown as Client, 7) // never delivered
    expect(await count()).toBe(1)
    latency.forget(client as unknown as Client) // disconnected: the other two are dropped
    latency.acked(client as unknown as Client, 65534)
    expect(await count()).toBe(1)
  })

  it('leaves every other delivery to Aedes untouched: other events, QoS 0 packets and subscriptions, resent packets', () => {
    for (const [qosGranted, payload, qos] of [
      [1, encodeServerEnvelope({ chatUpdate: { chatId: 'c1' } }), 1],
      [1, messageSentAgo(5, 1), 0],
      [0, messageSentAgo(5, 1), 1],
    ] as const) {
      const { client, deliver } = setup(qosGranted)
      const { original, forwarded } = deliver(payload, qos)
      expect(forwarded).toBe(original)
      expect(client._nextId).toBe(65534)
    }
    // a stored packet sent again keeps its identifier and is not observed
    const { client, latency } = setup()
    const resent = { ...setup().deliver(messageSentAgo(5, 1)).original, messageId: 9 }
    expect(latency.forwarded(client as unknown as Client, resent)).toBe(resent)
    expect(client._nextId).toBe(65534)
  })
})

/**
 * tidings_delivery_latency_seconds on a real broker and real MQTT clients, with Aedes' in-memory
 * persistence (embedded) and aedes-persistence-redis (cluster): the PUBACK tap and the packet
 * identifiers the broker assigns must work with both.
 */
describe.each([
  ['embedded: in-memory emitter and persistence', false],
  ['cluster: mqemitter-redis and aedes-persistence-redis', true],
])('delivery latency, %s', (_name, onRedis) => {
  let node: Awaited<ReturnType<typeof startNode>>
  const histogram = async () => {
    const { values } = await (
      node.metrics.getSingleMetric('tidings_delivery_latency_seconds') as Histogram
    ).get()
    const value = (name: string) => values.find((v) => v.metricName === name)?.value ?? 0
    return {
      count: value('tidings_delivery_latency_seconds_count'),
      sum: value('tidings_delivery_latency_seconds_sum'),
    }
  }
  beforeEach(async () => {
    node = await startNode(onRedis ? inject('redis') : undefined)
  })
  afterEach(async () => node.close())

  for (const clean of [true, false]) {
    it(`observes each chat message a device PUBACKs, from its sent_at (${clean ? 'clean' : 'persistent'} session)`, async () => {
      const bob = await node.connect('bob', 'phone', { clean })
      const ids: number[] = []
      bob.on('packetreceive', (p) => void (p.cmd === 'publish' && ids.push(p.messageId!)))
      await new Promise((r) => setTimeout(r, 100)) // inbox subscription live
      // three messages sent 400 ms ago, and a chat update (not a message: not observed)
      for (const seq of [1, 2, 3]) await node.broker.publish(inboxTopic('bob'), messageSentAgo(400, seq))
      await node.broker.publish(inboxTopic('bob'), encodeServerEnvelope({ chatUpdate: { chatId: 'c1' } }))
      await waitFor(() => bob.events.length === 4, 'four deliveries')
      await waitFor(async () => (await histogram()).count >= 3, 'three observations')
      await new Promise((r) => setTimeout(r, 50))
      const { count, sum } = await histogram()
      expect(count).toBe(3)
      expect(sum).toBeGreaterThanOrEqual(3 * 0.4)
      expect(sum).toBeLessThan(3 * (0.4 + 2))
      // packet identifiers stay distinct and in Aedes' sequence, chat update included
      expect(new Set(ids).size).toBe(4)
      await bob.endAsync()
    })
  }

  it("a persistent session's queue replayed after a reconnect is not observed (its time includes the time offline)", async () => {
    const first = await node.connect('bob', 'phone', { clean: false })
    await new Promise((r) => setTimeout(r, 100))
    await first.endAsync()
    for (const seq of [1, 2]) await node.broker.publish(inboxTopic('bob'), messageSentAgo(10, seq))
    const again = await node.connect('bob', 'phone', { clean: false })
    await waitFor(() => again.events.length === 2, 'the two queued messages')
    await new Promise((r) => setTimeout(r, 100))
    expect((await histogram()).count).toBe(0)
    await node.broker.publish(inboxTopic('bob'), messageSentAgo(10, 3)) // live again: observed
    await waitFor(async () => (await histogram()).count === 1, 'the live one observed')
    await again.endAsync()
  })

  it('a QoS 0 inbox subscription gets messages without PUBACKs: nothing observed', async () => {
    const bob = await node.connect('bob', 'phone')
    await new Promise((r) => setTimeout(r, 100))
    await bob.subscribeAsync(inboxTopic('bob'), { qos: 0 })
    const qos: number[] = []
    bob.on('packetreceive', (p) => void (p.cmd === 'publish' && qos.push(p.qos)))
    for (const seq of [1, 2]) await node.broker.publish(inboxTopic('bob'), messageSentAgo(10, seq))
    await waitFor(() => bob.events.length === 2, 'two deliveries')
    expect(qos).toEqual([0, 0])
    expect((await histogram()).count).toBe(0)
    await bob.endAsync()
  })
})
