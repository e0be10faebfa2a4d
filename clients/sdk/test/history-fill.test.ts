import { describe, expect, it } from 'vitest'
import { ChatCursor } from '../src/chat-cursor.ts'
import { fillFromHistory } from '../src/history-fill.ts'

type M = { seq: number }

/** A history whose pages come from a list of snapshots: each fetch sees the next one. */
function historyOf(...snapshots: number[][]) {
  const fetches: number[] = []
  return {
    fetches,
    page: async (after: number) => {
      const seqs = snapshots[Math.min(fetches.length, snapshots.length - 1)]!
      fetches.push(after)
      return { messages: seqs.filter((s) => s > after).map((seq) => ({ seq })), hasMore: false }
    },
  }
}

const noSleep = async () => {}

describe('fillFromHistory', () => {
  it('waits for a seq that is still being written instead of skipping it (cluster writes overlap)', async () => {
    // Seq 3 is in flight when the first page is read: history shows 4 without 3, then 3 and 4.
    const history = historyOf([1, 2, 4], [1, 2, 3, 4])
    const cursor = new ChatCursor<M>(0)
    const released: number[] = []
    await fillFromHistory<M>({
      cursor,
      page: history.page,
      release: (ms) => released.push(...ms.map((m) => m.seq)),
      before: 5,
      sleep: noSleep,
    })
    expect(released).toEqual([1, 2, 3, 4])
    expect(history.fetches).toEqual([0, 2])
  })

  it('skips a seq history never shows after every re-check (an allocation lost with Redis data)', async () => {
    const history = historyOf([1, 2, 4, 5])
    const cursor = new ChatCursor<M>(0)
    const released: number[] = []
    const slept: number[] = []
    await fillFromHistory<M>({
      cursor,
      page: history.page,
      release: (ms) => released.push(...ms.map((m) => m.seq)),
      before: 6,
      recheckMs: [1, 2],
      sleep: async (ms) => void slept.push(ms),
    })
    expect(released).toEqual([1, 2, 4, 5])
    expect(slept).toEqual([1, 2])
    expect(cursor.released).toBe(5)
  })

  it('drops what live delivery released meanwhile, and releases what waited behind the hole', async () => {
    const cursor = new ChatCursor<M>(0)
    cursor.offer({ seq: 5 }) // live: 5 arrived, 1..4 missing
    const released: number[] = []
    await fillFromHistory<M>({
      cursor,
      page: async (after) => {
        // live delivery brings 1 and 2 while the page is on its way
        released.push(...cursor.offer({ seq: 1 }).ready.map((m) => m.seq))
        released.push(...cursor.offer({ seq: 2 }).ready.map((m) => m.seq))
        return { messages: [1, 2, 3, 4, 5].filter((s) => s > after).map((seq) => ({ seq })), hasMore: false }
      },
      release: (ms) => released.push(...ms.map((m) => m.seq)),
      before: 5,
      sleep: noSleep,
    })
    expect(released).toEqual([1, 2, 3, 4, 5])
  })
})
