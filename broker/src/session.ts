const noop = () => {}

/**
 * One authenticated connection. Aedes hands the PUBLISH packets of one socket read to
 * authorizePublish concurrently; a Session starts their work in arrival order and completes
 * them (PUBACK) in arrival order, while letting the work itself overlap.
 */
export class Session {
  private readonly ready: Promise<void>
  private resolveReady!: (subscribed: Promise<void>) => void
  private tail: Promise<void> = Promise.resolve()

  constructor(
    readonly userId: string,
    readonly deviceId: string,
  ) {
    this.ready = new Promise<void>((resolve) => {
      this.resolveReady = resolve as (subscribed: Promise<void>) => void
    })
  }

  /** Publishes wait for this: the device's inbox subscriptions are live. */
  markReady(subscribed: Promise<void>): void {
    this.resolveReady(subscribed)
  }

  /**
   * Runs `work` after the work of every earlier packet has started (callbacks on one promise
   * run in registration order), then `beforeAck`, then `done` after every earlier `done`.
   */
  inOrder(work: () => Promise<void>, beforeAck: () => Promise<void>, done: (err?: Error) => void): void {
    const started = this.ready.then(work)
    started.catch(noop) // handled below, once the earlier packets are done
    this.tail = this.tail
      .then(() => started)
      .then(beforeAck)
      .then(
        () => done(),
        (err: Error) => done(err),
      )
  }
}
