import { createServer, connect, type Socket } from 'node:net'
import mqttPacket from 'mqtt-packet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installPacketWriter } from '../src/packet-writer.ts'
import { coalesceWrites } from '../src/write-coalescing.ts'

/** Counts the system-call-level writes (_write / _writev) a socket makes. */
function countWrites(socket: Socket): { calls: number } {
  const counter = { calls: 0 }
  const s = socket as unknown as Record<'_write' | '_writev', (...args: unknown[]) => void>
  for (const method of ['_write', '_writev'] as const) {
    const original = s[method]!.bind(socket)
    s[method] = (...args: unknown[]) => {
      counter.calls++
      original(...args)
    }
  }
  return counter
}

const publish = (n: number) => ({
  cmd: 'publish' as const,
  topic: 'u/ana',
  payload: Buffer.from(`message ${n}`),
  qos: 1 as const,
  messageId: n,
  retain: false,
  dup: false,
})

describe('coalesceWrites', () => {
  let server: ReturnType<typeof createServer>
  let port: number
  const received: Buffer[] = []
  beforeAll(async () => {
    server = createServer((socket) => socket.on('data', (chunk) => received.push(chunk)))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as { port: number }).port
  })
  afterAll(() => server.close())

  const connected = () =>
    new Promise<Socket>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket))
    })
  const nextTurn = () => new Promise((resolve) => setImmediate(() => setImmediate(resolve)))
  /** As the broker writes: one packet per promise continuation (mqtt-packet uncorks in between). */
  const writeEachInItsOwnTick = async (socket: Socket, ns: number[]) => {
    for (const n of ns) {
      mqttPacket.writeToStream(publish(n), socket)
      await new Promise((resolve) => process.nextTick(resolve))
    }
  }

  /** A coalescing socket after three packets written in one turn: it made one write. */
  const afterOneTurnOfThree = async () => {
    const socket = await connected()
    coalesceWrites(socket)
    const writes = countWrites(socket)
    await writeEachInItsOwnTick(socket, [1, 2, 3])
    await nextTurn()
    expect(writes.calls).toBe(1)
    return { socket, writes }
  }

  it('sends the packets of one event-loop turn in one write, each turn in its own', async () => {
    const { socket, writes } = await afterOneTurnOfThree()
    await writeEachInItsOwnTick(socket, [4])
    await nextTurn()
    expect(writes.calls).toBe(2)
    socket.destroy()
  })

  it('without it, mqtt-packet writes once per packet (what this saves)', async () => {
    const socket = await connected()
    const writes = countWrites(socket)
    await writeEachInItsOwnTick(socket, [1, 2, 3])
    await nextTurn()
    expect(writes.calls).toBe(3)
    socket.destroy()
  })

  it('loses and reorders nothing', async () => {
    received.length = 0
    const socket = await connected()
    coalesceWrites(socket)
    for (let n = 1; n <= 50; n++) {
      await writeEachInItsOwnTick(socket, [n])
      if (n % 7 === 0) await nextTurn()
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
    const parser = mqttPacket.parser()
    const ids: number[] = []
    parser.on('packet', (packet) => ids.push((packet as { messageId: number }).messageId))
    for (const chunk of received) parser.parse(chunk)
    expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    socket.destroy()
  })

  // Last: it replaces mqtt-packet's writer for the rest of this file.
  it("holds as well with the broker's own PUBLISH framing (packet-writer.ts)", async () => {
    installPacketWriter()
    const { socket } = await afterOneTurnOfThree()
    socket.destroy()
  })
})
