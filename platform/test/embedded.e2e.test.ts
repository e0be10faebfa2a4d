import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectDevice, metricSum, range, seqsOf, startPlatform, waitFor } from './helpers.ts'

describe('embedded platform end to end, over real sockets', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  beforeAll(async () => {
    platform = await startPlatform()
  })
  afterAll(async () => platform.cleanup())

  it('delivers every message to every device exactly once, in seq order, over TCP and WebSocket', async () => {
    const alicePhone = await connectDevice(platform, 'alice', 'phone', 'tcp')
    const aliceWeb = await connectDevice(platform, 'alice', 'web', 'ws')
    const bob = await connectDevice(platform, 'bob', 'phone', 'tcp')
    const carol = await connectDevice(platform, 'carol', 'laptop', 'ws')
    const devices = [alicePhone, aliceWeb, bob, carol]
    // every raw message event, to prove the live path itself delivers once
    const raw = new Map(devices.map((d) => [d, [] as string[]]))
    for (const d of devices)
      d.onEvent((e) => e.message && raw.get(d)!.push(`${e.message.chatId}#${e.message.seq}`))

    const dm = await alicePhone.api.createDirectChat('bob')
    const group = await alicePhone.api.createGroup('Trip', ['bob', 'carol'])
    const N = 40
    const sends = [
      ...range(N).map((i) => alicePhone.send(dm.id, `a-phone ${i}`)),
      ...range(N).map((i) => aliceWeb.send(group.id, `a-web ${i}`)),
      ...range(N).map((i) => bob.send(dm.id, `bob ${i}`)),
      ...range(N).map((i) => bob.send(group.id, `bob ${i}`)),
      ...range(N).map((i) => carol.send(group.id, `carol ${i}`)),
    ]
    const results = await Promise.all(sends)
    expect(new Set(results.map((r) => r.clientMsgId)).size).toBe(5 * N)

    const dmCount = 2 * N
    const groupCount = 3 * N
    const expectations: Array<[typeof alicePhone, number, number]> = [
      [alicePhone, dmCount, groupCount],
      [aliceWeb, dmCount, groupCount],
      [bob, dmCount, groupCount],
      [carol, 0, groupCount],
    ]
    for (const [device, dmN, groupN] of expectations) {
      await waitFor(
        () => device.received.length === dmN + groupN,
        `${device.userId}/${device.deviceId} to get ${dmN + groupN}`,
      )
      expect(seqsOf(device.received, dm.id)).toEqual(range(dmN))
      expect(seqsOf(device.received, group.id)).toEqual(range(groupN))
      expect(new Set(raw.get(device)).size).toBe(raw.get(device)!.length)
    }
    // the sender's other device sees its own messages with the sender's device id
    const fromPhone = aliceWeb.received.filter((m) => m.senderId === 'alice' && m.senderDevice === 'phone')
    expect(fromPhone.map((m) => m.text)).toEqual(range(N).map((i) => `a-phone ${i}`))

    // history returns the same log, page by page
    const newest = await bob.history(group.id, { limit: 100 })
    const oldest = await bob.history(group.id, { before: newest.next!.before!, limit: 100 })
    expect([...oldest.messages, ...newest.messages].map((m) => m.seq)).toEqual(range(groupCount))
    expect([...oldest.messages, ...newest.messages].map((m) => m.text)).toEqual(
      bob.received.filter((m) => m.chatId === group.id).map((m) => m.text),
    )
    // the SDK marks what carol sent as read (200 ms after her last send): what is unread for her
    // is what came after her own last message
    const carolsLast = Math.max(...results.slice(4 * N).map((r) => r.seq))
    let summary: Awaited<ReturnType<typeof carol.api.chats>>[number] | undefined
    const unreadSettled = async () => {
      summary = (await carol.api.chats()).find((c) => c.id === group.id)
      return summary?.unread === groupCount - carolsLast
    }
    for (let i = 0; i < 100 && !(await unreadSettled()); i++) await new Promise((r) => setTimeout(r, 50))
    expect(summary).toMatchObject({
      lastSeq: groupCount,
      readSeq: carolsLast,
      unread: groupCount - carolsLast,
    })

    await Promise.all(devices.map((d) => d.close()))
  })

  it('a retried send with the same client_msg_id returns the same seq and stores nothing new', async () => {
    const alice = await connectDevice(platform, 'alice', 'retry', 'tcp')
    const dm = await alice.api.createDirectChat('dave')
    const clientMsgId = new Uint8Array(16).fill(42)
    const first = await alice.send(dm.id, 'only once', { clientMsgId })
    const again = await alice.send(dm.id, 'only once', { clientMsgId })
    expect(first.duplicate).toBe(false)
    expect(again).toMatchObject({ seq: first.seq, duplicate: true })
    expect((await alice.history(dm.id)).messages.map((m) => m.text)).toEqual(['only once'])
    await alice.close()
  })

  it('a device whose connection drops catches up on reconnect: every missed message once, in order', async () => {
    const alice = await connectDevice(platform, 'alice', 'gap', 'tcp')
    const erin = await connectDevice(platform, 'erin', 'phone', 'tcp')
    const dm = await alice.api.createDirectChat('erin')
    await alice.send(dm.id, 'one')
    await waitFor(() => erin.received.length === 1, 'first message')
    // the network drops: the socket dies under the SDK, which reconnects with backoff
    ;(erin as unknown as { mqtt: { stream: { destroy(): void } } }).mqtt.stream.destroy()
    for (const text of ['two', 'three', 'four']) await alice.send(dm.id, text)
    await waitFor(() => erin.received.length === 4, 'missed messages after reconnect')
    await alice.send(dm.id, 'five')
    await waitFor(() => erin.received.length === 5, 'live again')
    expect(erin.received.map((m) => `${m.seq}:${m.text}`)).toEqual([
      '1:one',
      '2:two',
      '3:three',
      '4:four',
      '5:five',
    ])
    await Promise.all([alice.close(), erin.close()])
  })

  it('serves Prometheus metrics: connections, stored messages, store and end-to-end latency, HTTP requests', async () => {
    const scrape = async () => (await fetch(`${platform.httpUrl}/metrics`)).text()
    const latency = async () => {
      const text = await scrape()
      return {
        count: metricSum(text, 'tidings_delivery_latency_seconds_count'),
        sum: metricSum(text, 'tidings_delivery_latency_seconds_sum'),
      }
    }
    // end-to-end latency: one observation per device delivery of a message, once the device PUBACKs it
    const phone = await connectDevice(platform, 'mia', 'phone', 'tcp')
    const web = await connectDevice(platform, 'mia', 'web', 'ws')
    const ned = await connectDevice(platform, 'ned', 'phone', 'tcp')
    const dm = await phone.api.createDirectChat('ned')
    const before = await latency()
    const started = Date.now()
    const N = 10
    for (const i of range(N)) await phone.send(dm.id, `m ${i}`)
    await waitFor(() => [phone, web, ned].every((d) => d.received.length === N), 'every device to get all')
    const deliveries = 3 * N // the sending phone's own copy, mia's web, ned
    let after = await latency()
    for (let i = 0; i < 100 && after.count < before.count + deliveries; i++) {
      await new Promise((r) => setTimeout(r, 50))
      after = await latency()
    }
    const elapsedS = (Date.now() - started) / 1000
    expect(after.count - before.count).toBe(deliveries)
    // each observation lies between 0 and the time the whole exchange took (+1 ms: sent_at is in ms)
    expect(after.sum - before.sum).toBeGreaterThan(0)
    expect(after.sum - before.sum).toBeLessThanOrEqual(deliveries * (elapsedS + 0.001))
    await Promise.all([phone, web, ned].map((d) => d.close()))

    const text = await scrape()
    const value = (name: string) => metricSum(text, name)
    expect(value('tidings_messages_stored_total')).toBeGreaterThanOrEqual(200)
    expect(value('tidings_store_append_seconds_count')).toBeGreaterThanOrEqual(200)
    expect(value('tidings_broker_requests_accepted_total')).toBeGreaterThanOrEqual(200)
    expect(value('tidings_broker_deliveries_total')).toBeGreaterThanOrEqual(400) // every member's copy
    expect(text).toMatch(/^tidings_broker_connections\{[^}]*\} \d+$/m)
    expect(text).toMatch(/^tidings_http_requests_total\{[^}]*route="\/v1\/chats\/:chatId\/messages"/m)
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds/m)
  })
})
