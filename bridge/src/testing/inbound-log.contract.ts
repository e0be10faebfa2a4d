import { afterEach, beforeEach, describe, expect } from 'vitest'
import type { DeliveredRecord, InboundHandler, InboundLog, InboundRecord } from '../inbound/inbound-log.ts'
import { contractTest, type Skip } from './stores.ts'

export interface InboundLogUnderTest {
  /** A log handle as one process would hold it; several handles share one log. */
  open(): Promise<InboundLog>
  /** Kills a handle the way a crash would: nothing acked, nothing released. */
  crash(log: InboundLog): Promise<void>
  close(): Promise<void>
}

export interface InboundLogContractOptions {
  name: string
  create(): Promise<InboundLogUnderTest>
  skip?: Skip[]
}

const until = async (check: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 10))
  }
}

export function inboundLogContract(options: InboundLogContractOptions): void {
  const test = contractTest(options)

  describe(`InboundLog contract: ${options.name}`, () => {
    let t: InboundLogUnderTest
    let opened: InboundLog[]
    const open = async () => {
      const log = await t.open()
      opened.push(log)
      return log
    }
    let n = 0
    const record = (key: string, over: Partial<InboundRecord> = {}): InboundRecord => ({
      userId: 'alice',
      deviceId: 'phone',
      key,
      receivedAt: 1_700_000_000_000 + ++n,
      payload: Uint8Array.from([n & 255, 0, 255, 7]),
      ...over,
    })
    const collector = () => {
      const seen: DeliveredRecord[] = []
      const handler: InboundHandler = async (r) => {
        seen.push(r)
      }
      return { seen, handler }
    }

    beforeEach(async () => {
      t = await options.create()
      opened = []
    })
    afterEach(async () => {
      await Promise.all(opened.map((l) => l.close()))
      await t.close()
    })

    test('hands an appended record to the consumer with every field intact', async () => {
      const log = await open()
      const { seen, handler } = collector()
      await log.consume(handler)
      const sent = record('chat-1', { userId: 'bob', deviceId: 'web' })
      await log.append(sent)
      await until(() => seen.length === 1)
      expect(seen[0]).toMatchObject({ ...sent, payload: expect.anything(), redelivered: false })
      expect([...seen[0]!.payload]).toEqual([...sent.payload])
    })

    test('calls the handler for the records of one key in append order', async () => {
      const log = await open()
      const calls = new Map<string, number[]>()
      await log.consume(async (r) => {
        calls.set(r.key, [...(calls.get(r.key) ?? []), r.receivedAt])
        await new Promise((done) => setTimeout(done, Math.random() * 3))
      })
      const sent = Array.from({ length: 400 }, (_, i) => record(`chat-${i % 7}`))
      await Promise.all(sent.map((r) => log.append(r))) // issued in order, not awaited one by one
      await until(() => [...calls.values()].reduce((s, c) => s + c.length, 0) === 400)
      for (const [key, seen] of calls) {
        expect(seen).toEqual(sent.filter((r) => r.key === key).map((r) => r.receivedAt))
      }
    })

    test('hands a record out again, marked redelivered, when its handler fails', async () => {
      const log = await open()
      const seen: DeliveredRecord[] = []
      await log.consume(async (r) => {
        seen.push(r)
        if (seen.length === 1) throw new Error('store unavailable')
      })
      await log.append(record('chat-1')).catch(() => {})
      await until(() => seen.length === 2)
      expect(seen.map((r) => r.redelivered)).toEqual([false, true])
      expect(seen[1]!.receivedAt).toBe(seen[0]!.receivedAt)
    })

    test('keeps records appended while no consumer runs until one starts', async () => {
      const producer = await open()
      for (let i = 0; i < 20; i++) await producer.append(record(`chat-${i}`))
      const consumer = await open()
      const { seen, handler } = collector()
      await consumer.consume(handler)
      await until(() => seen.length === 20)
    })

    test('gives the records of a crashed consumer to another one, marked redelivered', async () => {
      const first = await open()
      const stuck: DeliveredRecord[] = []
      await first.consume(async (r) => {
        stuck.push(r)
        await new Promise(() => {}) // never finishes: the process dies mid-record
      })
      const sent = Array.from({ length: 10 }, (_, i) => record(`chat-${i}`))
      for (const r of sent) await first.append(r)
      await until(() => stuck.length === 10)
      await t.crash(first)

      const second = await open()
      const { seen, handler } = collector()
      await second.consume(handler)
      await until(() => seen.length >= 10, 20_000)
      expect(seen.map((r) => r.receivedAt).sort()).toEqual(sent.map((r) => r.receivedAt).sort())
      expect(seen.every((r) => r.redelivered)).toBe(true)
      expect(seen[0]!.fence?.token).not.toBe(stuck[0]!.fence?.token)
    })

    test('splits the work between two consumers, each record handled once', async () => {
      const a = await open()
      const b = await open()
      const seenA = collector()
      const seenB = collector()
      await a.consume(seenA.handler)
      await b.consume(seenB.handler)
      await new Promise((r) => setTimeout(r, 1500)) // let the leases settle
      const sent = Array.from({ length: 300 }, (_, i) => record(`chat-${i}`))
      await Promise.all(sent.map((r) => a.append(r)))
      await until(() => seenA.seen.length + seenB.seen.length >= 300)
      await new Promise((r) => setTimeout(r, 200))
      const all = [...seenA.seen, ...seenB.seen].map((r) => r.receivedAt).sort()
      expect(all).toEqual(sent.map((r) => r.receivedAt).sort())
      expect(seenA.seen.length).toBeGreaterThan(0)
      expect(seenB.seen.length).toBeGreaterThan(0)
    })
  })
}
