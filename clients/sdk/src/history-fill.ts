import type { ChatCursor } from './chat-cursor.ts'

/**
 * How long a seq that history skips over is looked at again before the device stops waiting
 * for it. In cluster mode several store batches write at once, so a reader can briefly see
 * seq N+1 before seq N; only a hole that outlives every re-check is a seq that was never
 * written (a lost allocation) rather than one still being written.
 */
export const HOLE_RECHECK_MS = [50, 250, 1000, 2000] as const

export interface HistoryFillOptions<M> {
  cursor: ChatCursor<M & { seq: number }>
  /** One page of history after `after`, ascending, as the REST API returns it. */
  page(after: number): Promise<{ messages: (M & { seq: number })[]; hasMore: boolean }>
  release(messages: M[]): void
  /** Fill up to (not including) this seq; history may hand over more, which is released too. */
  before: number
  recheckMs?: readonly number[]
  sleep?: (ms: number) => Promise<void>
}

/**
 * Pulls everything after the cursor from history, in pages, until `before - 1` is released or
 * history has nothing more. Live messages may advance the cursor meanwhile; the cursor drops
 * what it already released.
 */
export async function fillFromHistory<M>(options: HistoryFillOptions<M>): Promise<void> {
  const { cursor, release, before, recheckMs = HOLE_RECHECK_MS } = options
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  let hole = { at: 0, rechecks: 0 } // the seq history skipped last time, and how often it was looked at again
  while (cursor.released + 1 < before) {
    const page = await options.page(cursor.released)
    let waitForHole = false
    for (const m of page.messages) {
      if (m.seq > cursor.released + 1) {
        const at = cursor.released + 1
        if (hole.at !== at) hole = { at, rechecks: 0 }
        if (hole.rechecks < recheckMs.length) {
          waitForHole = true
          break
        }
        // History is the log: a seq it still skips over after every re-check does not exist.
        release(cursor.skipTo(m.seq - 1))
      }
      release(cursor.offer(m).ready)
    }
    if (waitForHole) {
      await sleep(recheckMs[hole.rechecks++]!)
      continue
    }
    if (!page.hasMore) break
  }
}
