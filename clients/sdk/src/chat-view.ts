import { DEFAULT_CONTENT_TYPE } from '@tidings/proto'
import type { ChatMessage } from './client.ts'

/** A message as an app shows it, with its edits, deletion and reactions folded in. */
export interface ChatItem {
  seq: number
  senderId: string
  sentAt: number
  contentType: string
  /** The latest version; empty once deleted. */
  body: Uint8Array
  /** The body as text, for text/* content types (absent once deleted). */
  text?: string
  edited: boolean
  /** When the shown version was written (set when edited). */
  editedAt?: number
  /** A tombstone: show "message deleted", nothing of its content. */
  deleted: boolean
  /** Each reaction with the members who gave it, most given first. */
  reactions: ReactionGroup[]
  /** Set on a reply: the message it answers, as it stands now. */
  replyTo?: ReplyPreview
}

export interface ReactionGroup {
  reaction: string
  userIds: string[]
}

/** `loaded: false` when the replied-to message is not in the view (older than what was loaded). */
export type ReplyPreview =
  | { seq: number; loaded: false }
  | { seq: number; loaded: true; senderId: string; text?: string; deleted: boolean }

interface Target {
  message: ChatMessage
  /**
   * Its own fields reflect the log up to this seq (a history page up to its newest entry), so the
   * reactions it carries outrank reaction events at or below it that the view also holds.
   */
  asOf: number
}

const EMPTY = new Uint8Array()
const isText = (contentType: string) => (contentType || DEFAULT_CONTENT_TYPE).startsWith('text/')
const bySeq = (a: { seq: number }, b: { seq: number }) => a.seq - b.seq
/** Live bodies arrive as Node Buffers, history bodies as Uint8Arrays: show both alike. */
const plain = (b: Uint8Array) =>
  b.constructor === Uint8Array ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength)

/**
 * Folds one chat's log into the list an app displays. Feed it every event, in any order and
 * more than once: live ones (`client.onMessage`, one at a time through `add`) and history pages
 * (`addPage`), whose messages may already carry their current state (editedAt, deleted,
 * reactions). Pure: no I/O, no timers. The same events always give the same items.
 *
 * - an edit replaces the text (the latest edit by seq wins); only the sender's edits count;
 * - a delete makes a tombstone: no text, no reactions, nothing later changes it;
 * - reactions: one per member, the latest by seq; an empty one removes it;
 * - an event whose target is not loaded yet waits for it.
 */
export class ChatView {
  private readonly targets = new Map<number, Target>()
  /** targetSeq -> (event seq -> edit, delete or reaction). */
  private readonly changes = new Map<number, Map<number, ChatMessage>>()

  constructor(readonly chatId: string) {}

  /** One log event (messages of other chats are ignored, so `onMessage(m => view.add(m))` works). */
  add(message: ChatMessage): void {
    // A message from history reflects at least the events before it; later ones are replayed.
    this.addWithState(message, message.seq)
  }

  /**
   * A page of history. Its messages reflect every event up to the page's newest seq (at least),
   * so older events the view holds cannot undo what they show.
   */
  addPage(messages: readonly ChatMessage[]): void {
    const asOf = messages.reduce((max, m) => Math.max(max, m.seq), 0)
    for (const m of messages) this.addWithState(m, asOf)
  }

  /** Every message in seq order, as it stands. */
  items(): ChatItem[] {
    return [...this.targets.keys()].sort((a, b) => a - b).map((seq) => this.item(seq)!)
  }

  /** One message as it stands (undefined when not loaded, or when the seq is an event). */
  item(seq: number): ChatItem | undefined {
    const target = this.targets.get(seq)
    if (!target) return undefined
    const item = this.render(target)
    const replyToSeq = target.message.replyToSeq
    if (replyToSeq) {
      const original = this.targets.get(replyToSeq)
      item.replyTo = original ? preview(this.render(original)) : { seq: replyToSeq, loaded: false }
    }
    return item
  }

  private addWithState(message: ChatMessage, asOf: number): void {
    if (message.chatId !== this.chatId) return
    if (message.kind === 'normal') {
      const known = this.targets.get(message.seq)
      if (!known || asOf > known.asOf) this.targets.set(message.seq, { message, asOf })
      return
    }
    if (!message.targetSeq) return
    let events = this.changes.get(message.targetSeq)
    if (!events) this.changes.set(message.targetSeq, (events = new Map()))
    events.set(message.seq, message)
  }

  private render({ message, asOf }: Target): ChatItem {
    let body = message.body
    let contentType = message.contentType
    let bodySeq = message.editSeq ?? message.seq
    let editedAt = message.editedAt
    let deleted = !!message.deleted
    const reactions = new Map<string, { reaction: string; seq: number }>(
      Object.entries(message.reactions ?? {}).map(([userId, reaction]) => [userId, { reaction, seq: asOf }]),
    )
    // Replaying events the message already reflects changes nothing: an edit counts only above
    // the version shown (editSeq), a reaction only above the member's last one, a delete is final.
    const events = [...(this.changes.get(message.seq)?.values() ?? [])].sort(bySeq)
    for (const event of events) {
      if (deleted) break
      const bySender = event.senderId === message.senderId
      if (event.kind === 'edit' && bySender && event.seq > bodySeq) {
        ;({ body, contentType } = event)
        bodySeq = event.seq
        editedAt = event.sentAt
      } else if (event.kind === 'delete' && bySender) deleted = true
      else if (event.kind === 'reaction' && event.seq > (reactions.get(event.senderId)?.seq ?? 0)) {
        reactions.set(event.senderId, { reaction: new TextDecoder().decode(event.body), seq: event.seq })
      }
    }
    const item: ChatItem = {
      seq: message.seq,
      senderId: message.senderId,
      sentAt: message.sentAt,
      contentType,
      body: deleted ? EMPTY : plain(body),
      edited: !deleted && editedAt !== undefined,
      deleted,
      reactions: deleted ? [] : groupReactions(reactions),
    }
    if (!deleted && isText(contentType)) item.text = new TextDecoder().decode(body)
    if (item.edited) item.editedAt = editedAt
    return item
  }
}

function groupReactions(byUser: Map<string, { reaction: string }>): ReactionGroup[] {
  const groups = new Map<string, string[]>()
  for (const [userId, { reaction }] of byUser) {
    if (!reaction) continue // removed
    groups.set(reaction, [...(groups.get(reaction) ?? []), userId])
  }
  return [...groups]
    .map(([reaction, userIds]) => ({ reaction, userIds: userIds.sort() }))
    .sort((a, b) => b.userIds.length - a.userIds.length || (a.reaction < b.reaction ? -1 : 1))
}

const preview = (item: ChatItem): ReplyPreview => ({
  seq: item.seq,
  loaded: true,
  senderId: item.senderId,
  deleted: item.deleted,
  ...(item.text !== undefined ? { text: item.text } : {}),
})
