import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { asBuffer, ErrorCode, MessageKind, newChatId, TidingsError } from '@tidings/proto'
import type {
  AppendInput,
  AppendResult,
  HistoryPage,
  HistoryQuery,
  MessageStore,
  StoredMessage,
} from './message-store.ts'
import type {
  Chat,
  ChatStore,
  ChatSummary,
  CreateGroupInput,
  Member,
  MemberRole,
  UserSettings,
  WatermarkKind,
  Watermarks,
} from './chat-store.ts'
import { DEFAULT_USER_SETTINGS } from './chat-store.ts'
import { GroupCommit, failed, ok, type Outcome } from './group-commit.ts'
import { migrations } from './sqlite-schema.ts'
import { pointsAt, refusal, withReaction } from './message-changes.ts'
import { WalCheckpointer } from './wal-checkpointer.ts'

export interface SqliteStoreOptions {
  /** Database file, or ':memory:' for tests. */
  path: string
  /**
   * 'NORMAL' (default) survives a crash of this process; 'FULL' also survives power loss,
   * at the cost of an fsync per commit.
   */
  synchronous?: 'NORMAL' | 'FULL'
  /** Appends per transaction at most (group commit). */
  maxBatch?: number
  /** Called after a chat's membership or roles changed (brokers re-check typing interest). */
  onRosterChange?: (chatId: string) => void
  /**
   * How often the WAL is checkpointed, off the event loop (see WalCheckpointer). Default 500 ms;
   * 0 leaves it to SQLite's automatic checkpoint, inside the commits (for comparison).
   */
  checkpointIntervalMs?: number
}

interface ChatRow {
  id: string
  kind: 'direct' | 'group'
  title: string
  created_by: string
  created_at: number
  last_seq: number
}

interface MessageRow {
  chat_id: string
  seq: number
  sender_id: string
  sender_device: string
  client_msg_id: Buffer
  sent_at: number
  kind: number
  content_type: string
  body: Buffer
  reply_to_seq: number
  target_seq: number
  edited_at: number | null
  edit_seq: number | null
  deleted: 0 | 1
  reactions: string | null
}

const toChat = (r: ChatRow): Chat => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  createdBy: r.created_by,
  createdAt: r.created_at,
  lastSeq: r.last_seq,
})

const toMessage = (r: MessageRow): StoredMessage => ({
  chatId: r.chat_id,
  seq: r.seq,
  senderId: r.sender_id,
  senderDevice: r.sender_device,
  clientMsgId: new Uint8Array(r.client_msg_id),
  sentAt: r.sent_at,
  kind: r.kind,
  contentType: r.content_type,
  body: new Uint8Array(r.body),
  replyToSeq: r.reply_to_seq,
  targetSeq: r.target_seq,
  ...(r.edited_at !== null ? { editedAt: r.edited_at, editSeq: r.edit_seq! } : {}),
  ...(r.deleted ? { deleted: true } : {}),
  ...(r.reactions !== null ? { reactions: JSON.parse(r.reactions) as Record<string, string> } : {}),
})

/**
 * The embedded store: chats, members and the chat log in one SQLite file. One transaction
 * checks membership, dedupes, assigns the seq and inserts, so seqs can never be reused, and
 * appends that arrive in the same event-loop turn share one transaction (group commit).
 */
export class SqliteStore implements MessageStore, ChatStore {
  private readonly db: Database.Database
  private readonly commits: GroupCommit<AppendInput, AppendResult>
  /** chatId -> member ids; every membership write goes through this object, so it stays exact. */
  private readonly memberCache = new Map<string, readonly string[]>()
  private readonly stmt
  private readonly onRosterChange: (chatId: string) => void
  private readonly checkpointer: WalCheckpointer | undefined

  constructor(options: SqliteStoreOptions) {
    this.onRosterChange = options.onRosterChange ?? (() => {})
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true })
    this.db = new Database(options.path)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`)
    this.db.pragma('foreign_keys = OFF')
    this.migrate()
    const checkpointIntervalMs = options.checkpointIntervalMs ?? 500
    if (options.path !== ':memory:' && checkpointIntervalMs > 0) {
      // Checkpoints happen in a worker thread, not in whichever commit fills the WAL.
      this.db.pragma('wal_autocheckpoint = 0')
      this.db.pragma(`journal_size_limit = ${64 * 2 ** 20}`) // the WAL file shrinks back after a spike
      this.checkpointer = new WalCheckpointer(options.path, checkpointIntervalMs)
    }
    const db = this.db
    this.stmt = {
      chat: db.prepare<[string], ChatRow>('SELECT * FROM chats WHERE id = ?'),
      insertChat: db.prepare(
        'INSERT INTO chats (id, kind, title, created_by, created_at) VALUES (@id, @kind, @title, @createdBy, @createdAt)',
      ),
      bumpSeq: db.prepare<[number, string]>('UPDATE chats SET last_seq = ? WHERE id = ?'),
      directPair: db.prepare<[string, string], { chat_id: string }>(
        'SELECT chat_id FROM direct_pairs WHERE user_lo = ? AND user_hi = ?',
      ),
      insertPair: db.prepare<[string, string, string]>(
        'INSERT INTO direct_pairs (user_lo, user_hi, chat_id) VALUES (?, ?, ?)',
      ),
      insertMember: db.prepare<[string, string, string, number]>(
        'INSERT OR IGNORE INTO members (chat_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)',
      ),
      rename: db.prepare<[string, string]>('UPDATE chats SET title = ? WHERE id = ?'),
      setRole: db.prepare<[string, string, string]>(
        'UPDATE members SET role = ? WHERE chat_id = ? AND user_id = ?',
      ),
      settings: db.prepare<[string], { hide_last_seen: number }>(
        'SELECT hide_last_seen FROM user_settings WHERE user_id = ?',
      ),
      saveSettings: db.prepare<[string, number]>(
        'INSERT OR REPLACE INTO user_settings (user_id, hide_last_seen) VALUES (?, ?)',
      ),
      deleteMember: db.prepare<[string, string]>('DELETE FROM members WHERE chat_id = ? AND user_id = ?'),
      members: db.prepare<[string], { user_id: string; role: MemberRole; joined_at: number }>(
        'SELECT user_id, role, joined_at FROM members WHERE chat_id = ? ORDER BY joined_at, user_id',
      ),
      chatsOf: db.prepare<[string], ChatRow & { role: MemberRole; read_seq: number; delivered_seq: number }>(
        `SELECT c.*, m.role, m.read_seq, m.delivered_seq FROM members m JOIN chats c ON c.id = m.chat_id
         WHERE m.user_id = ? ORDER BY c.last_seq DESC, c.id`,
      ),
      watermarks: db.prepare<[string], { user_id: string; read_seq: number; delivered_seq: number }>(
        'SELECT user_id, read_seq, delivered_seq FROM members WHERE chat_id = ? ORDER BY user_id',
      ),
      memberWatermarks: db.prepare<[string, string], { read_seq: number; delivered_seq: number }>(
        'SELECT read_seq, delivered_seq FROM members WHERE chat_id = ? AND user_id = ?',
      ),
      raiseWatermarks: db.prepare<[number, number, string, string]>(
        `UPDATE members SET read_seq = max(read_seq, ?), delivered_seq = max(delivered_seq, ?)
         WHERE chat_id = ? AND user_id = ?`,
      ),
      byClientMsgId: db.prepare<[string, Buffer], MessageRow>(
        'SELECT * FROM messages WHERE chat_id = ? AND client_msg_id = ?',
      ),
      insertMessage: db.prepare(
        `INSERT INTO messages (chat_id, seq, sender_id, sender_device, client_msg_id, sent_at, kind, content_type,
           body, reply_to_seq, target_seq)
         VALUES (@chatId, @seq, @senderId, @senderDevice, @clientMsgId, @sentAt, @kind, @contentType, @body,
           @replyToSeq, @targetSeq)`,
      ),
      insertMessageIfNew: db.prepare(
        `INSERT INTO messages (chat_id, seq, sender_id, sender_device, client_msg_id, sent_at, kind, content_type,
           body, reply_to_seq, target_seq)
         VALUES (@chatId, @seq, @senderId, @senderDevice, @clientMsgId, @sentAt, @kind, @contentType, @body,
           @replyToSeq, @targetSeq)
         ON CONFLICT (chat_id, client_msg_id) DO NOTHING`,
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
      after: db.prepare<[string, number, number], MessageRow>(
        'SELECT * FROM messages WHERE chat_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?',
      ),
      before: db.prepare<[string, number, number], MessageRow>(
        'SELECT * FROM messages WHERE chat_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      ),
    }
    this.commits = new GroupCommit((items) => this.appendBatch(items), options.maxBatch ?? 256)
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number
    for (let v = version; v < migrations.length; v++) {
      this.db.transaction(() => {
        this.db.exec(migrations[v]!)
        this.db.pragma(`user_version = ${v + 1}`)
      })()
    }
  }

  // ------------------------------------------------------------ MessageStore

  append(input: AppendInput): Promise<AppendResult> {
    return this.commits.submit(input)
  }

  private appendBatch(items: AppendInput[]): Outcome<AppendResult>[] {
    return this.db.transaction(() => {
      // Each chat's last seq is read once and written once per batch, not per message.
      const lastSeqs = new Map<string, number>()
      const outcomes = items.map((item) => this.appendOne(item, lastSeqs))
      for (const [chatId, seq] of lastSeqs) this.stmt.bumpSeq.run(seq, chatId)
      return outcomes
    })()
  }

  private appendOne(input: AppendInput, lastSeqs: Map<string, number>): Outcome<AppendResult> {
    let last = lastSeqs.get(input.chatId)
    if (last === undefined) {
      const chat = this.stmt.chat.get(input.chatId)
      if (!chat)
        return failed(new TidingsError(ErrorCode.UNKNOWN_CHAT, `chat ${input.chatId} does not exist`))
      last = chat.last_seq
    }
    if (!this.memberIdsSync(input.chatId).includes(input.senderId)) {
      return failed(
        new TidingsError(ErrorCode.NOT_A_MEMBER, `${input.senderId} is not a member of ${input.chatId}`),
      )
    }
    // SQLite binds Buffers; views over the same bytes spare a copy per message.
    const clientMsgId = asBuffer(input.clientMsgId)
    const seq = last + 1
    const row = { ...input, seq, clientMsgId, body: asBuffer(input.body) }
    const duplicate = () => {
      const existing = this.stmt.byClientMsgId.get(input.chatId, clientMsgId)
      return existing && ok({ message: toMessage(existing), duplicate: true })
    }
    const target = pointsAt(input)
    if (!target) {
      // A plain message: the dedupe index decides, so a first attempt costs one statement.
      if (this.stmt.insertMessageIfNew.run(row).changes === 0)
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
    this.stmt.insertMessage.run(row)
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

  async history(chatId: string, query: HistoryQuery): Promise<HistoryPage> {
    const limit = Math.max(1, query.limit)
    if (query.after !== undefined) {
      const rows = this.stmt.after.all(chatId, query.after, limit + 1)
      return { messages: rows.slice(0, limit).map(toMessage), hasMore: rows.length > limit }
    }
    const rows = this.stmt.before.all(chatId, query.before ?? Number.MAX_SAFE_INTEGER, limit + 1)
    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore: rows.length > limit }
  }

  // ------------------------------------------------------------ ChatStore

  async createDirect(userA: string, userB: string): Promise<{ chat: Chat; created: boolean }> {
    const [lo, hi] = userA < userB ? [userA, userB] : [userB, userA]
    return this.db.transaction(() => {
      const pair = this.stmt.directPair.get(lo, hi)
      if (pair) return { chat: toChat(this.stmt.chat.get(pair.chat_id)!), created: false }
      const chat = this.insertChat('direct', '', userA)
      this.stmt.insertPair.run(lo, hi, chat.id)
      this.insertMemberSync(chat.id, userA, 'member')
      this.insertMemberSync(chat.id, userB, 'member')
      return { chat, created: true }
    })()
  }

  async createGroup(input: CreateGroupInput): Promise<Chat> {
    return this.db.transaction(() => {
      const chat = this.insertChat('group', input.title, input.createdBy)
      this.insertMemberSync(chat.id, input.createdBy, 'admin')
      for (const userId of input.memberIds) this.insertMemberSync(chat.id, userId, 'member')
      return chat
    })()
  }

  private insertChat(kind: Chat['kind'], title: string, createdBy: string): Chat {
    const chat: Chat = { id: newChatId(), kind, title, createdBy, createdAt: Date.now(), lastSeq: 0 }
    this.stmt.insertChat.run(chat)
    return chat
  }

  async getChat(chatId: string): Promise<Chat | undefined> {
    const row = this.stmt.chat.get(chatId)
    return row && toChat(row)
  }

  async addMember(chatId: string, userId: string, role: MemberRole = 'member'): Promise<boolean> {
    if (!this.stmt.chat.get(chatId))
      throw new TidingsError(ErrorCode.UNKNOWN_CHAT, `chat ${chatId} does not exist`)
    return this.insertMemberSync(chatId, userId, role)
  }

  private insertMemberSync(chatId: string, userId: string, role: MemberRole): boolean {
    const added = this.stmt.insertMember.run(chatId, userId, role, Date.now()).changes > 0
    if (added) this.rosterChanged(chatId)
    return added
  }

  async removeMember(chatId: string, userId: string): Promise<boolean> {
    const removed = this.stmt.deleteMember.run(chatId, userId).changes > 0
    if (removed) this.rosterChanged(chatId)
    return removed
  }

  async renameChat(chatId: string, title: string): Promise<Chat> {
    if (this.stmt.rename.run(title, chatId).changes === 0)
      throw new TidingsError(ErrorCode.UNKNOWN_CHAT, `chat ${chatId} does not exist`)
    return toChat(this.stmt.chat.get(chatId)!)
  }

  async setRole(chatId: string, userId: string, role: MemberRole): Promise<boolean> {
    const changed = this.stmt.setRole.run(role, chatId, userId).changes > 0
    if (changed) this.rosterChanged(chatId)
    return changed
  }

  async userSettings(userId: string): Promise<UserSettings> {
    const row = this.stmt.settings.get(userId)
    return row ? { hideLastSeen: row.hide_last_seen === 1 } : { ...DEFAULT_USER_SETTINGS }
  }

  async updateUserSettings(userId: string, change: Partial<UserSettings>): Promise<UserSettings> {
    const settings = { ...(await this.userSettings(userId)), ...change }
    this.stmt.saveSettings.run(userId, settings.hideLastSeen ? 1 : 0)
    return settings
  }

  private rosterChanged(chatId: string): void {
    this.memberCache.delete(chatId)
    this.onRosterChange(chatId)
  }

  async members(chatId: string): Promise<Member[]> {
    return this.stmt.members
      .all(chatId)
      .map((r) => ({ userId: r.user_id, role: r.role, joinedAt: r.joined_at }))
  }

  async memberIds(chatId: string): Promise<readonly string[]> {
    return this.memberIdsSync(chatId)
  }

  private memberIdsSync(chatId: string): readonly string[] {
    let ids = this.memberCache.get(chatId)
    if (!ids) {
      ids = Object.freeze(this.stmt.members.all(chatId).map((r) => r.user_id))
      this.memberCache.set(chatId, ids)
    }
    return ids
  }

  async isMember(chatId: string, userId: string): Promise<boolean> {
    return this.memberIdsSync(chatId).includes(userId)
  }

  async chatsOf(userId: string): Promise<ChatSummary[]> {
    return this.stmt.chatsOf.all(userId).map((r) => ({
      ...toChat(r),
      role: r.role,
      readSeq: r.read_seq,
      deliveredSeq: r.delivered_seq,
    }))
  }

  async raiseWatermark(chatId: string, userId: string, kind: WatermarkKind, upToSeq: number) {
    return this.db.transaction(() => {
      const chat = this.stmt.chat.get(chatId)
      if (!chat) throw new TidingsError(ErrorCode.UNKNOWN_CHAT, `chat ${chatId} does not exist`)
      const before = this.stmt.memberWatermarks.get(chatId, userId)
      if (!before) throw new TidingsError(ErrorCode.NOT_A_MEMBER, `${userId} is not a member of ${chatId}`)
      const seq = Math.min(upToSeq, chat.last_seq)
      this.stmt.raiseWatermarks.run(kind === 'read' ? seq : 0, seq, chatId, userId)
      const after = this.stmt.memberWatermarks.get(chatId, userId)!
      const watermarks = { userId, deliveredSeq: after.delivered_seq, readSeq: after.read_seq }
      const moved =
        kind === 'read' ? after.read_seq > before.read_seq : after.delivered_seq > before.delivered_seq
      return { watermarks, moved }
    })()
  }

  async watermarks(chatId: string): Promise<Watermarks[]> {
    return this.stmt.watermarks
      .all(chatId)
      .map((r) => ({ userId: r.user_id, deliveredSeq: r.delivered_seq, readSeq: r.read_seq }))
  }

  async close(): Promise<void> {
    this.commits.flush()
    await this.checkpointer?.stop()
    if (this.db.open) this.db.close()
  }
}
