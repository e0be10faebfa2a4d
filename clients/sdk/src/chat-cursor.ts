/**
 * Per-chat delivery order. Messages may arrive twice, late or with holes (live MQTT delivery is
 * best effort); a ChatCursor releases each seq exactly once and in order, and asks for the
 * range it is missing.
 */
export class ChatCursor<M extends { seq: number }> {
  private readonly waiting = new Map<number, M>()

  constructor(
    /** Highest seq already released (0: nothing yet). */
    public released: number,
  ) {}

  /**
   * Accepts a message; returns the messages now releasable in order, and `missing` when there is
   * a hole below the lowest waiting message (fetch seqs after `released`, before `missing.before`).
   */
  offer(message: M): { ready: M[]; missing?: { after: number; before: number } } {
    if (message.seq <= this.released || this.waiting.has(message.seq)) return { ready: [] }
    this.waiting.set(message.seq, message)
    const ready: M[] = []
    for (let next = this.waiting.get(this.released + 1); next; next = this.waiting.get(this.released + 1)) {
      this.waiting.delete(next.seq)
      this.released = next.seq
      ready.push(next)
    }
    if (this.waiting.size === 0) return { ready }
    return { ready, missing: { after: this.released, before: Math.min(...this.waiting.keys()) } }
  }

  /**
   * History had nothing between `released` and `seq + 1`: those seqs were never written (a
   * bridge can lose an allocated seq when Redis loses its data), so stop waiting for them.
   * Returns the waiting messages that are now releasable.
   */
  skipTo(seq: number): M[] {
    if (seq <= this.released) return []
    for (const waiting of this.waiting.keys()) if (waiting <= seq) this.waiting.delete(waiting)
    this.released = seq
    const ready: M[] = []
    for (let next = this.waiting.get(this.released + 1); next; next = this.waiting.get(this.released + 1)) {
      this.waiting.delete(next.seq)
      this.released = next.seq
      ready.push(next)
    }
    return ready
  }
}
