import { encodeServerEnvelope, presenceTopic } from '@tidings/proto'
import type { Logger } from 'pino'
import type { BrokerChats } from '../broker-chats.ts'
import { Contacts } from './contacts.ts'
import type { PresenceState, PresenceStore } from './presence-store.ts'

export interface PresenceOptions {
  /** No live connection for this long before "offline" is announced (debounces flapping). Default 5 s. */
  graceMs?: number
  /** How often this broker looks for users to announce offline. Default 1 s. */
  sweepMs?: number
}

/** One live connection as presence sees it. */
export interface PresenceConnection {
  userId: string
  connectionId: string
  /** Heartbeats are due at least this often (from the MQTT keepalive). */
  ttlMs: number
  lastHeartbeatAt: number
}

/**
 * Presence on one broker: heartbeats of its connections into the shared PresenceStore,
 * announcements on `p/<userId>` (to the devices that subscribed because the user is on their
 * screen), answers to presence queries, and the privacy setting applied to both.
 */
export class PresenceService {
  private readonly contacts: Contacts
  private readonly graceMs: number
  private readonly sweeper: ReturnType<typeof setInterval>

  constructor(
    private readonly store: PresenceStore,
    private readonly chats: BrokerChats,
    private readonly publish: (topic: string, payload: Uint8Array) => void,
    private readonly log: Logger,
    options: PresenceOptions = {},
  ) {
    this.contacts = new Contacts(chats)
    this.graceMs = options.graceMs ?? 5_000
    this.sweeper = setInterval(() => void this.sweep(), options.sweepMs ?? 1_000)
    this.sweeper.unref()
  }

  /** At CONNECT, on PINGREQ and (thinned out) on PUBLISH: the connection is alive. */
  heartbeat(connection: PresenceConnection, now = Date.now()): void {
    connection.lastHeartbeatAt = now
    this.store
      .heartbeat(connection.userId, connection.connectionId, connection.ttlMs, now)
      .then(
        async (cameOnline) => {
          if (cameOnline) await this.announce({ userId: connection.userId, online: true, lastSeenAt: now })
        },
        (err: unknown) => this.log.warn({ err: String(err) }, 'presence heartbeat failed'),
      )
      .catch((err: unknown) => this.log.warn({ err: String(err) }, 'presence announcement failed'))
  }

  /** A heartbeat, unless one went out in the last third of the TTL. */
  touch(connection: PresenceConnection, now = Date.now()): void {
    if (now - connection.lastHeartbeatAt >= connection.ttlMs / 3) this.heartbeat(connection, now)
  }

  disconnect(connection: PresenceConnection): void {
    this.store
      .disconnect(connection.userId, connection.connectionId, Date.now())
      .catch((err: unknown) => this.log.warn({ err: String(err) }, 'presence disconnect failed'))
  }

  /** The users `viewer` may see (they share a chat), among `userIds`. */
  visible(viewer: string, userIds: readonly string[]): Promise<string[]> {
    return this.contacts.visible(viewer, userIds)
  }

  /** Current presence of the users `viewer` may see; the others are left out. */
  async query(viewer: string, userIds: readonly string[]): Promise<PresenceState[]> {
    const visible = await this.visible(viewer, userIds)
    const states = await this.store.lookup(visible, Date.now())
    return Promise.all(states.map((s) => this.private(s)))
  }

  close(): void {
    clearInterval(this.sweeper)
  }

  private async sweep(): Promise<void> {
    try {
      const gone = await this.store.sweep(Date.now(), this.graceMs)
      for (const { userId, lastSeenAt } of gone) await this.announce({ userId, online: false, lastSeenAt })
    } catch (err) {
      this.log.warn({ err: String(err) }, 'presence sweep failed')
    }
  }

  private async announce(state: PresenceState): Promise<void> {
    const presence = await this.private(state)
    this.publish(presenceTopic(state.userId), encodeServerEnvelope({ presence }))
  }

  /**
   * Hides last seen for users who chose so; whether they are online stays visible. Read each
   * time (presence events are debounced and rare), so a changed setting applies at once.
   */
  private async private(state: PresenceState): Promise<PresenceState> {
    const { hideLastSeen } = await this.chats.userSettings(state.userId)
    return hideLastSeen ? { ...state, lastSeenAt: 0 } : state
  }
}
