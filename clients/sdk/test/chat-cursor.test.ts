import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChatCursor } from '../src/chat-cursor.ts'

describe('ChatCursor', () => {
  it('releases 1..n exactly once and in order, whatever the arrival order and duplicates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.shuffledSubarray(
              [...Array(n).keys(), ...Array(n).keys()].map((i) => i + 1),
              { minLength: 2 * n },
            ),
          ),
        ),
        ([n, arrivals]) => {
          const cursor = new ChatCursor<{ seq: number }>(0)
          const released: number[] = []
          for (const seq of arrivals) released.push(...cursor.offer({ seq }).ready.map((m) => m.seq))
          expect(released).toEqual(Array.from({ length: n }, (_, i) => i + 1))
        },
      ),
    )
  })

  it('reports the hole below the lowest waiting message', () => {
    const cursor = new ChatCursor<{ seq: number }>(3)
    expect(cursor.offer({ seq: 7 })).toEqual({ ready: [], missing: { after: 3, before: 7 } })
    expect(cursor.offer({ seq: 2 })).toEqual({ ready: [] })
    expect(cursor.offer({ seq: 4 }).missing).toEqual({ after: 4, before: 7 })
    expect(cursor.offer({ seq: 5 }).ready.map((m) => m.seq)).toEqual([5])
    expect(cursor.offer({ seq: 6 }).ready.map((m) => m.seq)).toEqual([6, 7])
  })

  it('moves past seqs that history shows were never written', () => {
    const cursor = new ChatCursor<{ seq: number }>(3)
    cursor.offer({ seq: 7 })
    cursor.offer({ seq: 8 })
    expect(cursor.skipTo(2)).toEqual([])
    expect(cursor.skipTo(6).map((m) => m.seq)).toEqual([7, 8])
    expect(cursor.released).toBe(8)
    expect(cursor.offer({ seq: 5 })).toEqual({ ready: [] })
  })
})
