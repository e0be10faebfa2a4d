import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DeliveryBus } from '../delivery-bus.ts'

export interface BusUnderTest {
  bus: DeliveryBus
  /** Listens where devices would: on a broker node other than the publisher, in a cluster. */
  listen(topic: string, onPayload: (payload: Uint8Array) => void): Promise<void>
  close(): Promise<void>
}

const until = async (check: () => boolean, timeoutMs = 5000): Promise<void> => {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 5))
  }
}

export function deliveryBusContract(options: { name: string; create(): Promise<BusUnderTest> }): void {
  describe(`DeliveryBus contract: ${options.name}`, () => {
    let t: BusUnderTest
    beforeEach(async () => {
      t = await options.create()
    })
    afterEach(async () => t.close())

    it('delivers a publish to the listeners of that topic and no other', async () => {
      const alice: Uint8Array[] = []
      const bob: Uint8Array[] = []
      await t.listen('u/alice', (p) => alice.push(p))
      await t.listen('u/bob', (p) => bob.push(p))
      await t.bus.publish('u/alice', Uint8Array.from([1, 2, 3]))
      await until(() => alice.length === 1)
      await new Promise((r) => setTimeout(r, 50))
      expect([...alice[0]!]).toEqual([1, 2, 3])
      expect(bob).toEqual([])
    })

    it('keeps the order of publishes to one topic', async () => {
      const got: number[] = []
      await t.listen('u/carol', (p) => got.push(new DataView(p.buffer, p.byteOffset).getUint32(0)))
      const sent = Array.from({ length: 500 }, (_, i) => i)
      await Promise.all(
        sent.map((i) => {
          const bytes = new Uint8Array(4)
          new DataView(bytes.buffer).setUint32(0, i)
          return t.bus.publish('u/carol', bytes)
        }),
      )
      await until(() => got.length === 500)
      expect(got).toEqual(sent)
    })

    it('resolves a publish that nobody listens to', async () => {
      await expect(t.bus.publish('u/nobody', new Uint8Array([9]))).resolves.toBeUndefined()
    })
  })
}
