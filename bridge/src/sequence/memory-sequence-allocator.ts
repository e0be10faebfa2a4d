import { BoundedMap } from '../bounded-map.ts'
import type { AllocateRequest, Allocation, HighWaterMark, SequenceAllocator } from './sequence-allocator.ts'

/**
 * In-process allocator for a single bridge process in front of a CQL store (no Redis). It has
 * no fences: one process is the only writer. State dies with the process and is reseeded.
 */
export class MemorySequenceAllocator implements SequenceAllocator {
  private readonly next = new Map<string, number>()
  private readonly known: BoundedMap<string, number>
  private readonly seeding = new Map<string, Promise<void>>()

  constructor(retain = 100_000) {
    this.known = new BoundedMap(retain)
  }

  async allocate(request: AllocateRequest, highWaterMark: HighWaterMark): Promise<Allocation[]> {
    const { chatId } = request
    if (!this.next.has(chatId)) {
      let seeding = this.seeding.get(chatId)
      if (!seeding) {
        seeding = highWaterMark(chatId).then((hwm) => {
          if (!this.next.has(chatId)) this.next.set(chatId, hwm)
        })
        this.seeding.set(chatId, seeding)
        void seeding.finally(() => this.seeding.delete(chatId))
      }
      await seeding
    }
    return request.clientMsgIds.map((id) => {
      const key = `${chatId}\n${id}`
      const known = this.known.get(key)
      if (known !== undefined) return { seq: known, known: true }
      const seq = this.next.get(chatId)! + 1
      this.next.set(chatId, seq)
      this.known.set(key, seq)
      return { seq, known: false }
    })
  }

  /** Forgets everything, as a restart would (tests). */
  reset(): void {
    this.next.clear()
    this.known.clear()
  }

  async close(): Promise<void> {}
}
