import { MessageChannel } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { AppendChannelReceiver, AppendChannelSender } from '../src/store/append-channel.ts'
import type { AppendInput } from '../src/store/message-store.ts'
import { appendInput } from '../src/testing/append-input.ts'

// Both ends on one thread: next() is only called once its request has been posted, so its
// Atomics.wait returns at once.
const opened: MessageChannel[] = []
afterEach(() => {
  for (const ports of opened.splice(0)) ports.port1.close()
})

/** A sender with two 4 KiB slots, its receiver, and the port the sender posts large batches to. */
function channel(postedBefore = 0) {
  const ports = new MessageChannel()
  opened.push(ports)
  const sender = new AppendChannelSender(2, 4096, postedBefore)
  return { sender, receiver: new AppendChannelReceiver(sender.layout, ports.port2), port: ports.port1 }
}

const batch = (label: string, size: number, bodyBytes = 10): AppendInput[] =>
  Array.from({ length: size }, (_, i) =>
    appendInput(`${label}-${i}`, 'ana', { body: new Uint8Array(bodyBytes).fill(i % 256) }),
  )
const summary = (items: AppendInput[] | undefined) =>
  items?.map((item) => [item.chatId, item.body.length, item.body[0]])

describe('AppendChannel', () => {
  it('hands batches over in order, each slot used again once its request is handled', () => {
    const { sender, receiver, port } = channel()
    for (let round = 0; round < 5; round++) {
      const first = batch(`a${round}`, 3)
      const second = batch(`b${round}`, 1)
      sender.send(first, port)
      sender.send(second, port) // both slots taken
      expect(summary(receiver.next())).toEqual(summary(first))
      expect(summary(receiver.next())).toEqual(summary(second))
    }
  })

  it('a batch larger than a slot goes over the port, in its turn', () => {
    const { sender, receiver, port } = channel()
    const small = batch('small', 2)
    const large = batch('large', 3, 3000) // 9 KB: does not fit a 4 KiB slot
    sender.send(small, port)
    sender.send(large, port)
    expect(summary(receiver.next())).toEqual(summary(small))
    const received = receiver.next()!
    expect(summary(received)).toEqual(summary(large))
    expect(received.map((item) => item.body.every((byte, _, all) => byte === all[0]))).toEqual([
      true,
      true,
      true,
    ])
    sender.send(small, port)
    expect(summary(receiver.next())).toEqual(summary(small))
  })

  it('strings of any script arrive as they were sent', () => {
    const { sender, receiver, port } = channel()
    const items = [
      appendInput('чат-😀', 'ana-ü', { senderDevice: '手机', contentType: 'text/plain; charset=utf-8' }),
    ]
    sender.send(items, port)
    const [item] = receiver.next()!
    expect(item).toMatchObject({ chatId: 'чат-😀', senderId: 'ana-ü', senderDevice: '手机' })
    expect(item!.contentType).toBe('text/plain; charset=utf-8')
  })

  it('after close(), the receiver gets the batches posted before it, then undefined', () => {
    const { sender, receiver, port } = channel()
    const last = batch('last', 1)
    sender.send(last, port)
    sender.close()
    expect(summary(receiver.next())).toEqual(summary(last))
    expect(receiver.next()).toBeUndefined()
  })

  it('keeps going when the int32 request counter wraps', () => {
    const { sender, receiver, port } = channel(2 ** 31 - 3)
    for (let round = 0; round < 4; round++) {
      const first = batch(`a${round}`, 2)
      const second = batch(`b${round}`, 1)
      sender.send(first, port)
      sender.send(second, port)
      expect(summary(receiver.next())).toEqual(summary(first))
      expect(summary(receiver.next())).toEqual(summary(second))
      expect(receiver.pending).toBe(false) // it would wait now, not read a stale slot
    }
  })

  it('a batch that cannot be encoded posts nothing, and the next one takes its slot', () => {
    const { sender, receiver, port } = channel()
    const first = batch('first', 1)
    sender.send(first, port)
    const broken = [{ ...batch('broken', 1)[0]!, sentAt: 1n as unknown as number }] // fails mid-encoding
    expect(() => sender.send(broken, port)).toThrow()
    expect(summary(receiver.next())).toEqual(summary(first))
    const next = batch('next', 1)
    sender.send(next, port)
    expect(summary(receiver.next())).toEqual(summary(next))
    expect(receiver.pending).toBe(false)
  })
})
