import type { MqttClient } from 'mqtt'
import { encodeClientEnvelope, outboxTopic, presenceTopic, typingTopic, type tidings } from '@tidings/proto'
import { toMqttPayload } from './payload.ts'

/** Someone started or stopped typing in a chat you are viewing. */
export interface TypingEvent {
  chatId: string
  userId: string
  typing: boolean
}

/** A watched user's presence; `lastSeenAt` is 0 when unknown or hidden by their privacy setting. */
export interface PresenceEvent {
  userId: string
  online: boolean
  lastSeenAt: number
}

type Listener<T> = (value: T) => void

/** While typing, "still typing" goes out at most this often (the server thins out faster repeats). */
const TYPING_REPEAT_MS = 2_000

/**
 * Typing and presence: interest-based and never stored. A device receives typing only for chats
 * it views and presence only for users it watches, by subscribing to their topics; the
 * subscriptions die with the connection (clean session), so they are renewed on every reconnect.
 */
export class Ephemeral {
  private readonly viewing = new Map<string, number>() // chatId -> views open
  private watched = new Set<string>()
  private readonly typingSentAt = new Map<string, number>()
  /** `${chatId}\n${userId}` -> timer that ends a typing nobody repeated. */
  private readonly typingExpiry = new Map<string, ReturnType<typeof setTimeout>>()
  private readonly typingListeners = new Set<Listener<TypingEvent>>()
  private readonly presenceListeners = new Set<Listener<PresenceEvent>>()

  constructor(
    private readonly mqtt: () => MqttClient,
    private readonly userId: string,
  ) {}

  viewChat(chatId: string): () => void {
    const views = this.viewing.get(chatId) ?? 0
    this.viewing.set(chatId, views + 1)
    if (views === 0 && this.mqtt().connected) this.mqtt().subscribe(typingTopic(chatId), { qos: 0 })
    let open = true
    return () => {
      if (!open) return
      open = false
      const left = (this.viewing.get(chatId) ?? 1) - 1
      if (left > 0) return void this.viewing.set(chatId, left)
      this.viewing.delete(chatId)
      if (this.mqtt().connected) this.mqtt().unsubscribe(typingTopic(chatId))
      for (const [key, timer] of this.typingExpiry)
        if (key.startsWith(`${chatId}\n`)) {
          clearTimeout(timer)
          this.typingExpiry.delete(key)
        }
    }
  }

  setTyping(chatId: string, typing: boolean): void {
    const now = Date.now()
    const sentAt = this.typingSentAt.get(chatId)
    if (typing) {
      if (sentAt !== undefined && now - sentAt < TYPING_REPEAT_MS) return
      this.typingSentAt.set(chatId, now)
    } else {
      if (sentAt === undefined) return // never said we were typing
      this.typingSentAt.delete(chatId)
    }
    this.publish({ typing: { chatId, typing } })
  }

  /** Replaces the set of watched users: the users on screen. Answers their current presence. */
  watchPresence(userIds: readonly string[]): void {
    const next = new Set(userIds)
    const added = [...next].filter((id) => !this.watched.has(id))
    const removed = [...this.watched].filter((id) => !next.has(id))
    this.watched = next
    if (!this.mqtt().connected) return
    for (const id of removed) this.mqtt().unsubscribe(presenceTopic(id))
    this.subscribeAndAsk(added)
  }

  onTyping(listener: Listener<TypingEvent>): () => void {
    this.typingListeners.add(listener)
    return () => this.typingListeners.delete(listener)
  }

  onPresence(listener: Listener<PresenceEvent>): () => void {
    this.presenceListeners.add(listener)
    return () => this.presenceListeners.delete(listener)
  }

  /** After every (re)connect: the broker forgot this device's interest. */
  restore(): void {
    for (const chatId of this.viewing.keys()) this.mqtt().subscribe(typingTopic(chatId), { qos: 0 })
    this.typingSentAt.clear()
    this.subscribeAndAsk([...this.watched])
  }

  receiveTyping(t: tidings.v1.ITyping): void {
    const chatId = t.chatId ?? ''
    const userId = t.userId ?? ''
    if (userId === this.userId || !this.viewing.has(chatId)) return
    const key = `${chatId}\n${userId}`
    clearTimeout(this.typingExpiry.get(key))
    this.typingExpiry.delete(key)
    if (t.typing) {
      // Typing ends by itself unless repeated: a sender that crashed never says "stopped".
      const timer = setTimeout(() => {
        this.typingExpiry.delete(key)
        this.emitTyping({ chatId, userId, typing: false })
      }, t.expiresInMs || 6_000)
      this.typingExpiry.set(key, timer)
    }
    this.emitTyping({ chatId, userId, typing: !!t.typing })
  }

  receivePresence(p: tidings.v1.IPresence): void {
    const event = { userId: p.userId ?? '', online: !!p.online, lastSeenAt: Number(p.lastSeenAt ?? 0) }
    if (!this.watched.has(event.userId)) return
    for (const listener of this.presenceListeners) listener(event)
  }

  close(): void {
    for (const timer of this.typingExpiry.values()) clearTimeout(timer)
    this.typingExpiry.clear()
  }

  private emitTyping(event: TypingEvent): void {
    for (const listener of this.typingListeners) listener(event)
  }

  private subscribeAndAsk(userIds: string[]): void {
    if (userIds.length === 0) return
    // One topic per SUBSCRIBE: some brokers mishandle multi-topic SUBSCRIBEs (docs/protocol.md).
    for (const id of userIds) this.mqtt().subscribe(presenceTopic(id), { qos: 0 })
    for (let i = 0; i < userIds.length; i += 200)
      this.publish({ presenceQuery: { userIds: userIds.slice(i, i + 200) } })
  }

  private publish(envelope: tidings.v1.IClientEnvelope): void {
    if (!this.mqtt().connected) return // ephemeral: nothing to catch up on later
    this.mqtt().publish(outboxTopic(this.userId), toMqttPayload(encodeClientEnvelope(envelope)), { qos: 0 })
  }
}
