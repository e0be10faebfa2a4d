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
}
