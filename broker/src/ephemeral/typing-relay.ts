import { ErrorCode, TidingsError, encodeServerEnvelope, typingTopic } from '@tidings/proto'
import type { BrokerChats } from '../broker-chats.ts'
import type { Session } from '../session.ts'
import { TYPING_TTL_MS } from './typing-limiter.ts'

/**
 * Typing on one broker: who on this broker views which chat (they subscribed to `t/<chat>` while
 * members), and the relay of a device's typing updates to every broker's viewers. Never stored.
 */
export class TypingRelay {
  /** chatId -> this broker's sessions viewing it, so a roster change re-checks only those. */
  private readonly viewers = new Map<string, Set<Session>>()

  constructor(
    private readonly chats: BrokerChats,
    /** QoS 0 through the cluster. */
    private readonly publish: (topic: string, payload: Uint8Array) => void,
    private readonly ttlMs = TYPING_TTL_MS,
  ) {}

  /** A SUBSCRIBE to `t/<chatId>`: granted to members only. */
  async watch(session: Session, chatId: string): Promise<boolean> {
    if (!(await this.chats.isMember(chatId, session.userId))) return false
    session.viewing.add(chatId)
    let set = this.viewers.get(chatId)
    if (!set) this.viewers.set(chatId, (set = new Set()))
    set.add(session)
    return true
  }

  unwatch(session: Session, chatId: string): void {
    session.viewing.delete(chatId)
    const set = this.viewers.get(chatId)
    set?.delete(session)
    if (set?.size === 0) this.viewers.delete(chatId)
  }

  /** The connection ended. */
  forget(session: Session): void {
    for (const chatId of session.viewedChats()) this.unwatch(session, chatId)
  }

  /** Per delivery: the subscription may outlive the membership it was granted for. */
  mayForward(session: Session | undefined, chatId: string): boolean {
    return session?.isViewing(chatId) ?? false
  }

  /** A chat's membership changed: viewers who are no longer members stop at once. */
  async rosterChanged(chatId: string): Promise<void> {
    for (const session of [...(this.viewers.get(chatId) ?? [])])
      if (!(await this.chats.isMember(chatId, session.userId))) this.unwatch(session, chatId)
  }

  /** A device's TypingUpdate. Throws UNKNOWN_CHAT, NOT_A_MEMBER or RATE_LIMITED. */
  async relay(session: Session, update: { chatId: string; typing: boolean }): Promise<void> {
    await this.requireMember(update.chatId, session.userId)
    const verdict = session.typing.judge(update.chatId, update.typing, Date.now())
    if (verdict === 'repeat') return
    if (verdict === 'rate-limited')
      throw new TidingsError(ErrorCode.RATE_LIMITED, 'typing updates are limited to 2 per second')
    const typing = { ...update, userId: session.userId, expiresInMs: this.ttlMs }
    this.publish(typingTopic(update.chatId), encodeServerEnvelope({ typing }))
  }

  private async requireMember(chatId: string, userId: string): Promise<void> {
    if (await this.chats.isMember(chatId, userId)) return
    if (!(await this.chats.getChat(chatId)))
      throw new TidingsError(ErrorCode.UNKNOWN_CHAT, `chat ${chatId} does not exist`)
    throw new TidingsError(ErrorCode.NOT_A_MEMBER, `you are not a member of ${chatId}`)
  }
}
