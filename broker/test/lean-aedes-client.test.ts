import { connect, type Socket } from 'node:net'
import type { Client } from 'aedes'
import mqttPacket from 'mqtt-packet'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startNode } from './harness.ts'

/**
 * The broker enforces MQTT keepalive from its once-a-second sweep instead of Aedes' timer per
 * client, and slims each Aedes client (src/lean-aedes-client.ts). These tests pin the
 * behaviour, and the Aedes 1.2.0 internals it relies on: an Aedes upgrade that changes them
 * fails here.
 */

/** A raw MQTT 3.1.1 connection: no library timers, so it stays silent unless told to ping. */
async function rawClient(port: number, clientId: string, password: string, keepalive: number) {
  const socket = connect(port, '127.0.0.1')
  socket.setNoDelay(true)
  const parser = mqttPacket.parser({ protocolVersion: 4 })
  const packets: string[] = []
  parser.on('packet', (p) => packets.push(p.cmd))
  socket.on('data', (chunk) => parser.parse(chunk))
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())))
  socket.on('error', () => {})
  await new Promise<void>((resolve) => socket.once('connect', resolve))
  const frame = mqttPacket.generate({
    cmd: 'connect',
    protocolId: 'MQTT',
    protocolVersion: 4,
    clean: true,
    clientId,
    keepalive,
    username: clientId.split('/')[0],
    password: Buffer.from(password),
  })
  return { socket, packets, closed, frame }
}

const send = (socket: Socket, packet: mqttPacket.Packet) => socket.write(mqttPacket.generate(packet))

async function waitFor(condition: () => boolean, what: string, ms = 5_000) {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

const aedesClients = (node: Awaited<ReturnType<typeof startNode>>) =>
  (node.broker.aedes as unknown as { clients: Record<string, Client> }).clients

describe('keepalive from the broker sweep, and lean Aedes clients', () => {
  let node: Awaited<ReturnType<typeof startNode>>
  let port: number
  const sockets: Socket[] = []
  beforeEach(async () => {
    node = await startNode()
    port = Number(new URL(node.url).port)
  })
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy()
    await node.close()
  })

  async function connected(userId: string, keepalive: number, split = false) {
    const c = await rawClient(port, `${userId}/phone`, await node.tokens.issue(userId), keepalive)
    sockets.push(c.socket)
    // `split`: one byte per write, so the broker's parser reassembles the CONNECT across reads.
    if (split) for (const byte of c.frame) c.socket.write(Buffer.of(byte))
    else c.socket.write(c.frame)
    await waitFor(() => c.packets.includes('connack'), 'CONNACK')
    return { ...c, connackAt: Date.now() }
  }

  it('closes a client silent for 1.5 keepalives, not before [MQTT-3.1.2-24], as Aedes did', async () => {
    const timeouts: string[] = []
    node.broker.aedes.on('keepaliveTimeout', (client) => timeouts.push(client.id))
    const alice = await connected('alice', 1)
    const closedAt = await alice.closed
    // 1.5 s at the least; the sweep runs once a second, so at most about a second later.
    expect(closedAt - alice.connackAt).toBeGreaterThanOrEqual(1_500)
    expect(closedAt - alice.connackAt).toBeLessThan(3_500)
    expect(timeouts).toEqual(['alice/phone'])
    await waitFor(() => !aedesClients(node)['alice/phone'], 'alice unregistered')
  })

  it('keeps a client that sends a packet within each keepalive, however long', async () => {
    const bob = await connected('bob', 1, true)
    let pings = 0
    const pinger = setInterval(() => {
      send(bob.socket, { cmd: 'pingreq' })
      pings++
    }, 700)
    await new Promise((r) => setTimeout(r, 4_000))
    clearInterval(pinger)
    expect(bob.socket.destroyed).toBe(false)
    expect(aedesClients(node)['bob/phone']).toBeDefined()
    await waitFor(() => bob.packets.filter((p) => p === 'pingresp').length === pings, 'every PINGRESP')
  })

  it('a client with keepalive 0 is never closed for silence', async () => {
    const carol = await connected('carol', 0)
    await new Promise((r) => setTimeout(r, 2_500))
    expect(carol.socket.destroyed).toBe(false)
    expect(aedesClients(node)['carol/phone']).toBeDefined()
  })

  it('arms no timer per connected client (Aedes 1.2.0 arms one per keepalive otherwise)', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
    const before = timers()
    for (let i = 0; i < 20; i++) await connected(`user${i}`, 30)
    expect(timers() - before).toBeLessThan(5)
  })

  it('unregisters a client whose connection closes with neither end nor error', async () => {
    const dave = await connected('dave', 30)
    const gone: string[] = []
    node.broker.aedes.on('clientDisconnect', (client) => gone.push(client.id))
    aedesClients(node)['dave/phone']!.conn.destroy() // no FIN from the client, no error: only 'close'
    await waitFor(() => gone.includes('dave/phone'), 'clientDisconnect')
    expect(aedesClients(node)['dave/phone']).toBeUndefined()
    await dave.closed
  })

  it('slims each Aedes client: plain buffer list, no CONNECT (token) kept, no stream.finished listeners', async () => {
    const erin = await connected('erin', 30)
    const client = aedesClients(node)['erin/phone'] as unknown as {
      _parser: { _list: object; settings: Record<string, unknown> }
      conn: Socket
    }
    expect(client._parser._list).not.toHaveProperty('_readableState') // not a Duplex stream
    expect(client._parser.settings).not.toHaveProperty('password')
    expect(client.conn.listenerCount('finish')).toBe(0)
    expect(client.conn.listenerCount('end')).toBe(2) // net's own, and Aedes' close
    // …and it still parses: a packet after the CONNECT, split over two writes.
    const ping = mqttPacket.generate({ cmd: 'pingreq' })
    erin.socket.write(ping.subarray(0, 1))
    await new Promise((r) => setTimeout(r, 20))
    erin.socket.write(ping.subarray(1))
    await waitFor(() => erin.packets.includes('pingresp'), 'PINGRESP')
    // A PUBLISH with a two-byte remaining length and a packet id, its head one byte per read:
    // the parser's in-place reads (ParserBufferList) span buffers. It is answered (an error
    // event for the bytes that are no envelope) and acknowledged.
    const publish = mqttPacket.generate({
      cmd: 'publish',
      topic: 's/erin',
      payload: Buffer.alloc(300, 0xff),
      qos: 1,
      messageId: 0x1234,
      retain: false,
      dup: false,
    })
    for (let i = 0; i < 12; i++) {
      erin.socket.write(publish.subarray(i, i + 1))
      await new Promise((r) => setTimeout(r, 15))
    }
    erin.socket.write(publish.subarray(12))
    await waitFor(() => erin.packets.includes('puback'), 'PUBACK')
  })
})
