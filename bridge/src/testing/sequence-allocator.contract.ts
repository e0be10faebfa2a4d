import { afterEach, beforeEach, describe, expect } from 'vitest'
import { FencedError, type Fence, type SequenceAllocator } from '../sequence/sequence-allocator.ts'
import { contractTest, type Skip } from './stores.ts'

export interface AllocatorUnderTest {
  allocator: SequenceAllocator
  /** Forget all allocator state kept outside this process (Redis FLUSHALL), or all of it. */
  loseState(): Promise<void>
  /** A fence the allocator will honour, and a way to hand its key to someone else. */
  grantFence?(key: string): Promise<Fence>
  stealFence?(fence: Fence): Promise<void>
  close(): Promise<void>
}

export interface AllocatorContractOptions {
  name: string
  create(): Promise<AllocatorUnderTest>
  skip?: Skip[]
}

export function sequenceAllocatorContract(options: AllocatorContractOptions): void {
  const test = contractTest(options)

  describe(`SequenceAllocator contract: ${options.name}`, () => {
    let t: AllocatorUnderTest
    let n = 0
    const ids = (count: number) => Array.from({ length: count }, () => `id-${++n}`)
    const seqs = (allocations: { seq: number }[]) => allocations.map((a) => a.seq)

    beforeEach(async () => {
      t = await options.create()
    })
    afterEach(async () => t.close())

    test('starts above the store high-water mark and increases in request order', async () => {
      const hwm = async (chatId: string) => (chatId === 'busy' ? 41 : 0)
      expect(seqs(await t.allocator.allocate({ chatId: 'busy', clientMsgIds: ids(3) }, hwm))).toEqual([
        42, 43, 44,
      ])
      expect(seqs(await t.allocator.allocate({ chatId: 'busy', clientMsgIds: ids(2) }, hwm))).toEqual([
        45, 46,
      ])
      expect(seqs(await t.allocator.allocate({ chatId: 'quiet', clientMsgIds: ids(1) }, hwm))).toEqual([1])
    })

    test('gives a client id the seq it had before, marked known', async () => {
      const hwm = async () => 0
      const [a, b] = ids(2)
      const first = await t.allocator.allocate({ chatId: 'c', clientMsgIds: [a!, b!] }, hwm)
      expect(first).toEqual([
        { seq: 1, known: false },
        { seq: 2, known: false },
      ])
      const again = await t.allocator.allocate({ chatId: 'c', clientMsgIds: [b!, 'new', a!, 'new'] }, hwm)
      expect(again).toEqual([
        { seq: 2, known: true },
        { seq: 3, known: false },
        { seq: 1, known: true },
        { seq: 3, known: true },
      ])
    })

    test('hands out distinct, gap-free seqs to concurrent requests', async () => {
      let seeds = 0
      const hwm = async () => {
        seeds++
        return 0
      }
      const results = await Promise.all(
        Array.from({ length: 50 }, () => t.allocator.allocate({ chatId: 'c', clientMsgIds: ids(4) }, hwm)),
      )
      for (const r of results) expect(seqs(r)).toEqual([...seqs(r)].sort((x, y) => x - y))
      const all = results.flatMap(seqs).sort((x, y) => x - y)
      expect(all).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
      expect(seeds).toBeGreaterThanOrEqual(1)
    })

    test('continues above the store after losing its state', async () => {
      let stored = 0
      const hwm = async () => stored
      const first = await t.allocator.allocate({ chatId: 'c', clientMsgIds: ids(5) }, hwm)
      stored = 5
      await t.loseState()
      const next = await t.allocator.allocate({ chatId: 'c', clientMsgIds: ids(1) }, hwm)
      expect(next[0]!.seq).toBeGreaterThan(Math.max(...seqs(first)))
    })

    test('continues above seqs still in flight to the store after losing its state', async () => {
      const hwm = async () => 2 // the store has 1 and 2; 3..5 are still being written
      await t.allocator.allocate({ chatId: 'c', clientMsgIds: ids(3) }, async () => 0)
      await t.allocator.allocate({ chatId: 'c', clientMsgIds: ids(2) }, async () => 0)
      await t.loseState()
      const next = await t.allocator.allocate({ chatId: 'c', clientMsgIds: ids(1) }, hwm)
      expect(next[0]!.seq).toBe(6)
    })

    test('refuses a stale fence and allocates nothing for it', async () => {
      const hwm = async () => 0
      const fence = await t.grantFence!('partition-7')
      expect(seqs(await t.allocator.allocate({ chatId: 'c', clientMsgIds: ids(2), fence }, hwm))).toEqual([
        1, 2,
      ])
      await t.stealFence!(fence)
      await expect(
        t.allocator.allocate({ chatId: 'c', clientMsgIds: ids(2), fence }, hwm),
      ).rejects.toBeInstanceOf(FencedError)
      const owner = await t.grantFence!('partition-7')
      expect(
        seqs(await t.allocator.allocate({ chatId: 'c', clientMsgIds: ids(1), fence: owner }, hwm)),
      ).toEqual([3])
    })
  })
}
