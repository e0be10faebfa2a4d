import { ErrorCode, MESSAGE_KIND_NAMES, MessageKind, TidingsError } from '@tidings/proto'
import type { AppendInput } from './message-store.ts'

/**
 * The rules for events that point at another message of the chat: edits, deletes and reactions
 * (target_seq) and replies (reply_to_seq). Every MessageStore applies them inside its append, where
 * it can see the events stored just before, so both stores refuse exactly the same requests.
 * Shapes (an edit has a body, a reaction is short UTF-8, …) are checked earlier, by validateSend.
 */

/** What the rules need to know about the message an event points at. */
export interface MessageRef {
  senderId: string
  kind: number
  deleted: boolean
}

const { MESSAGE_KIND_NORMAL: NORMAL, MESSAGE_KIND_EDIT: EDIT, MESSAGE_KIND_DELETE: DELETE } = MessageKind

/** The seq an input points at (0: none): its target, or for a new message the one it replies to. */
export const pointsAt = (input: AppendInput): number =>
  input.kind === NORMAL ? input.replyToSeq : input.targetSeq

/** The error to refuse `input` with, given the message it points at (undefined: no such message). */
export function refusal(input: AppendInput, ref: MessageRef | undefined): TidingsError | undefined {
  const seq = pointsAt(input)
  if (!seq) return undefined
  if (!ref) return new TidingsError(ErrorCode.UNKNOWN_MESSAGE, `chat ${input.chatId} has no message ${seq}`)
  if (ref.kind !== NORMAL) {
    const what = MESSAGE_KIND_NAMES[ref.kind] ?? 'event'
    return new TidingsError(ErrorCode.INVALID_REQUEST, `seq ${seq} is a ${what} event, not a message`)
  }
  if (input.kind === NORMAL) return undefined // a reply, even to a deleted message (shown as such)
  const verb = input.kind === EDIT ? 'edit' : input.kind === DELETE ? 'delete' : 'react to'
  if ((input.kind === EDIT || input.kind === DELETE) && ref.senderId !== input.senderId)
    return new TidingsError(ErrorCode.FORBIDDEN, `only ${ref.senderId} can ${verb} message ${seq}`)
  if (ref.deleted)
    return new TidingsError(ErrorCode.CONFLICT, `message ${seq} was deleted: cannot ${verb} it`)
  return undefined
}

/** The target's state once an accepted event is applied (for stores that track state in memory). */
export const afterEvent = (ref: MessageRef, input: AppendInput): MessageRef =>
  input.kind === DELETE ? { ...ref, deleted: true } : ref

/** Reactions after one reaction event: a user has at most one; an empty body removes it. */
export function withReaction(
  reactions: Record<string, string> | undefined,
  userId: string,
  reaction: Uint8Array,
): Record<string, string> | undefined {
  const next = { ...reactions }
  if (reaction.length === 0) delete next[userId]
  else next[userId] = new TextDecoder().decode(reaction)
  return Object.keys(next).length > 0 ? next : undefined
}
