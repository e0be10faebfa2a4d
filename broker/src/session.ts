import type { Logger } from 'pino'
import { TypingLimiter } from './ephemeral/typing-limiter.ts'
import type { PresenceConnection } from './presence/presence-service.ts'

const noop = () => {}
// Shared by every session: most connections never publish, and a promise each costs ~50 bytes.
const RESOLVED = Promise.resolve()

/**
 * One authenticated connection. Aedes hands the PUBLISH packets of one socket read to
 * authorizePublish concurrently; a Session starts their work in arrival order and completes
 * them (PUBACK) in arrival order, while letting the work itself overlap.
 */
export class Session implements PresenceConnection {
  // Created on first use, like the logger: undefined until a publish waits for the subscriptions
  // or they are made, then RESOLVED once they are live (idle memory, docs/benchmarks.md).
  private ready: Promise<void> | undefined
  private resolveReady: ((subscribed: Promise<void>) => void) | undefined
  private tail: Promise<void> = RESOLVED
  private childLog: Logger | undefined
  // Created on first use, like the logger: most connections never view a chat or type, and an
  // empty Set or Map still costs about 200 bytes each (idle soak, docs/benchmarks.md).
  private viewingChats: Set<string> | undefined
  private typingLimiter: TypingLimiter | undefined
  lastHeartbeatAt = 0

  constructor(
    readonly userId: string,
    readonly deviceId: string,
    /** Unique per connection: a device's reconnect must not end its own new presence. */
    readonly connectionId: string,
    /** Presence heartbeats are due at least this often. */
    readonly ttlMs: number,
    /** When the connection's token expires (ms since the epoch); the broker cuts it then. */
    readonly tokenExpiresAt: number,
    private readonly parentLog: Logger,
  ) {}

  /** Chats whose typing this device may receive: it subscribed while a member (see authorizeForward). */
  get viewing(): Set<string> {
    return (this.viewingChats ??= new Set())
  }

  viewedChats(): string[] {
    return this.viewingChats ? [...this.viewingChats] : []
  }

  isViewing(chatId: string): boolean {
    return this.viewingChats?.has(chatId) ?? false
  }

  get typing(): TypingLimiter {
    return (this.typingLimiter ??= new TypingLimiter())
  }

  /** This connection's logger, created on first use (most connections never log). */
  get log(): Logger {
    return (this.childLog ??= this.parentLog.child({ userId: this.userId, deviceId: this.deviceId }))
  }

  /** Publishes wait for this: the device's inbox subscriptions are live. */
  markReady(subscribed: Promise<void>): void {
    if (this.resolveReady) this.resolveReady(subscribed)
    else this.ready = subscribed
    this.resolveReady = undefined
    // Registered after the work of the packets that already wait, so it runs after it has
    // started: every later packet may then chain on the shared RESOLVED without overtaking them.
    const ready = this.ready!
    ready.then(() => {
      if (this.ready === ready) this.ready = RESOLVED
    }, noop) // a failed subscription fails the publishes waiting for it, in inOrder
  }

  private whenReady(): Promise<void> {
    return (this.ready ??= new Promise<void>((resolve) => {
      this.resolveReady = resolve as (subscribed: Promise<void>) => void
    }))
  }

  /**
   * Runs `work` after the work of every earlier packet has started (callbacks on one promise
   * run in registration order), then `beforeAck`, then `done` after every earlier `done`.
   */
  inOrder(work: () => Promise<void>, beforeAck: () => Promise<void>, done: (err?: Error) => void): void {
    const started = this.whenReady().then(work)
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
