const OPEN = Promise.resolve()

/**
 * Counts deliveries handed to Aedes and not yet written. Aedes PUBACKs before it routes, so
 * without a bound a fast sender piles up undelivered messages in memory; past the limit the
 * broker holds PUBACKs (and so the sender's QoS1 window) until deliveries drain.
 */
export class DeliveryGate {
  private pending = 0
  private waiters: Array<() => void> = []

  constructor(private readonly limit: number) {}

  acquire(): void {
    this.pending++
  }

  release(): void {
    this.pending--
    if (this.pending <= this.limit && this.waiters.length > 0) {
      const waiters = this.waiters
      this.waiters = []
      for (const wake of waiters) wake()
    }
  }

  whenOpen(): Promise<void> {
    return this.pending <= this.limit ? OPEN : new Promise<void>((resolve) => this.waiters.push(resolve))
  }
}
