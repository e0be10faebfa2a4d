import type Database from 'better-sqlite3'
import { asBuffer, ErrorCode, MessageKind, TidingsError } from '@tidings/proto'
import type { AppendInput, AppendResult } from './message-store.ts'
import { failed, ok, type Outcome } from './outcome.ts'
import { pointsAt, refusal, withReaction } from './message-changes.ts'
import { toMessage, type MessageRow } from './sqlite-rows.ts'

const INSERT_MESSAGE = `INSERT INTO messages (chat_id, seq, sender_id, sender_device, client_msg_id, sent_at,
  kind, content_type, body, reply_to_seq, target_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

type InsertParameters = [
  string,
  number,
  string,
  string,
  Buffer,
  number,
  number,
  string,
  Buffer,
  number,
  number,
]

/** An insert's parameters, in INSERT_MESSAGE's order. */
const insertParameters = (input: AppendInput, seq: number, clientMsgId: Buffer): InsertParameters => [
  input.chatId,
  seq,
  input.senderId,
  input.senderDevice,
  clientMsgId,
  input.sentAt,
  input.kind,
  input.contentType,
  asBuffer(input.body),
  input.replyToSeq,
  input.targetSeq,
]

/**
 * The embedded store's append: one transaction checks membership, dedupes, assigns the seq and
 * inserts a batch of messages, so seqs can never be reused. It owns no state beyond its
 * connection (membership is read with SQL, in the same transaction), so the same code runs on
 * the main thread (':memory:' databases) and in the append thread (sqlite-append-thread.ts).
 */
export class SqliteAppender {
  private readonly stmt
  private readonly batchTransaction

  constructor(db: Database.Database) {
    this.stmt = {
      lastSeq: db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM chats WHERE id = ?'),
      bumpSeq: db.prepare<[number, string]>('UPDATE chats SET last_seq = ? WHERE id = ?'),
      isMember: db
        .prepare<[string, string], number>('SELECT 1 FROM members WHERE chat_id = ? AND user_id = ?')
        .pluck(),
      byClientMsgId: db.prepare<[string, Buffer], MessageRow>(
        'SELECT * FROM messages WHERE chat_id = ? AND client_msg_id = ?',
      ),
      // Positional parameters (see insertParameters): no row object per message, no lookups by name.
      insertMessage: db.prepare<InsertParameters>(INSERT_MESSAGE),
      insertMessageIfNew: db.prepare<InsertParameters>(
        `${INSERT_MESSAGE} ON CONFLICT (chat_id, client_msg_id) DO NOTHING`,
      ),
      messageAt: db.prepare<[string, number], MessageRow>(
        'SELECT * FROM messages WHERE chat_id = ? AND seq = ?',
      ),
      applyEdit: db.prepare<[Buffer, string, number, number, string, number]>(
        `UPDATE messages SET body = ?, content_type = ?, edited_at = ?, edit_seq = ? WHERE chat_id = ? AND seq = ?`,
      ),
      // A tombstone: the content goes, and so does every earlier version of it (the edits' bodies).
      applyDelete: db.prepare<[string, number]>(
        `UPDATE messages SET body = x'', deleted = 1, edited_at = NULL, edit_seq = NULL, reactions = NULL
         WHERE chat_id = ? AND seq = ?`,
      ),
      eraseEdits: db.prepare<[string, number]>(
        `UPDATE messages SET body = x'' WHERE chat_id = ? AND target_seq = ? AND kind = 1`,
      ),
      setReactions: db.prepare<[string | null, string, number]>(
        'UPDATE messages SET reactions = ? WHERE chat_id = ? AND seq = ?',
      ),
    }
    this.batchTransaction = db.transaction((items: AppendInput[]) => {
      // Each chat's last seq is read once and written once per batch, not per message.
      const lastSeqs = new Map<string, number>()
      const outcomes = items.map((item) => this.appendOne(item, lastSeqs))
      for (const [chatId, seq] of lastSeqs) this.stmt.bumpSeq.run(seq, chatId)
      return outcomes
    })
  }

  /** One transaction for the batch; one outcome per item, in order. Throws if the transaction fails. */
  appendBatch(items: AppendInput[]): Outcome<AppendResult>[] {
    // IMMEDIATE: the other connection may commit between this transaction's first read and write.
    return this.batchTransaction.immediate(items)
  }

  private appendOne(input: AppendInput, lastSeqs: Map<string, number>): Outcome<AppendResult> {
    let last = lastSeqs.get(input.chatId)
    if (last === undefined) {
      const chat = this.stmt.lastSeq.get(input.chatId)
      if (!chat)
        return failed(new TidingsError(ErrorCode.UNKNOWN_CHAT, `chat ${input.chatId} does not exist`))
      last = chat.last_seq
    }
    if (this.stmt.isMember.get(input.chatId, input.senderId) === undefined) {
      return failed(
        new TidingsError(ErrorCode.NOT_A_MEMBER, `${input.senderId} is not a member of ${input.chatId}`),
      )
    }
    // SQLite binds Buffers; views over the same bytes spare a copy per message.
    const clientMsgId = asBuffer(input.clientMsgId)
    const seq = last + 1
    const duplicate = () => {
      const existing = this.stmt.byClientMsgId.get(input.chatId, clientMsgId)
      return existing && ok({ message: toMessage(existing), duplicate: true })
    }
    const target = pointsAt(input)
    if (!target) {
      // A plain message: the dedupe index decides, so a first attempt costs one statement.
      if (this.stmt.insertMessageIfNew.run(...insertParameters(input, seq, clientMsgId)).changes === 0)
        return duplicate() ?? failed(new Error(`seq ${seq} of ${input.chatId} is taken`))
      lastSeqs.set(input.chatId, seq)
      return ok({ message: { ...input, seq }, duplicate: false })
    }
    // An edit, delete, reaction or reply: a retry is a duplicate even once its target changed.
    const retried = duplicate()
    if (retried) return retried
    const ref = this.stmt.messageAt.get(input.chatId, target)
    const refused = refusal(input, ref && { senderId: ref.sender_id, kind: ref.kind, deleted: !!ref.deleted })
    if (refused) return failed(refused)
    this.stmt.insertMessage.run(...insertParameters(input, seq, clientMsgId))
    lastSeqs.set(input.chatId, seq)
    if (ref && input.kind !== MessageKind.MESSAGE_KIND_NORMAL) this.applyToTarget(input, seq, ref)
    return ok({ message: { ...input, seq }, duplicate: false })
  }

  /** The target of an edit, delete or reaction shows its current state; the event stays in the log too. */
  private applyToTarget(input: AppendInput, seq: number, target: MessageRow): void {
    const { chatId, targetSeq } = input
    switch (input.kind) {
      case MessageKind.MESSAGE_KIND_EDIT:
        this.stmt.applyEdit.run(
          Buffer.from(input.body),
          input.contentType,
          input.sentAt,
          seq,
          chatId,
          targetSeq,
        )
        return
      case MessageKind.MESSAGE_KIND_DELETE:
        this.stmt.applyDelete.run(chatId, targetSeq)
        this.stmt.eraseEdits.run(chatId, targetSeq)
        return
      case MessageKind.MESSAGE_KIND_REACTION: {
        const before =
          target.reactions === null ? undefined : (JSON.parse(target.reactions) as Record<string, string>)
        const after = withReaction(before, input.senderId, input.body)
        this.stmt.setReactions.run(after ? JSON.stringify(after) : null, chatId, targetSeq)
      }
    }
  }
}
