/** How long a "typing" lasts unless the device says it again; receivers clear it after this. */
export const TYPING_TTL_MS = 6_000
/** A device's repeated "still typing" is forwarded at most this often per chat. */
export const TYPING_REPEAT_MS = 2_000
/** Typing changes a device may make per second, on average (with a burst of BURST). */
const RATE_PER_SECOND = 2
const BURST = 10
/** Chats whose typing state one device keeps; the oldest is forgotten past this. */
const MAX_CHATS = 16

export type TypingVerdict = 'forward' | 'repeat' | 'rate-limited'

/**
 * One device's typing: forwards changes, thins out repeats, and caps the rate with a token
 * bucket, so a client stuck in a loop costs the other members nothing.
 */
export class TypingLimiter {
  private readonly last = new Map<string, { typing: boolean; at: number }>()
  private tokens = BURST
  private refilledAt = 0

  judge(chatId: string, typing: boolean, now: number): TypingVerdict {
    const last = this.last.get(chatId)
    if (last && last.typing === typing && (!typing || now - last.at < TYPING_REPEAT_MS)) return 'repeat'
    this.tokens = Math.min(BURST, this.tokens + ((now - this.refilledAt) / 1000) * RATE_PER_SECOND)
    this.refilledAt = now
    if (this.tokens < 1) return 'rate-limited'
    this.tokens -= 1
    this.last.delete(chatId)
    this.last.set(chatId, { typing, at: now })
    if (this.last.size > MAX_CHATS) this.last.delete(this.last.keys().next().value!)
    return 'forward'
  }
}
