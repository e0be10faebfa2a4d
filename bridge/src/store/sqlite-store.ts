import type Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { ErrorCode, newChatId, TidingsError } from '@tidings/proto'
import type { AppendInput, AppendResult, HistoryPage, HistoryQuery, MessageStore } from './message-store.ts'
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
import { PipelinedBatcher } from './pipelined-batcher.ts'
import { migrations } from './sqlite-schema.ts'
import { SqliteAppendThread } from './sqlite-append-thread.ts'
import { SqliteAppender } from './sqlite-appender.ts'
import { DEFAULT_WAL_LIMIT_PAGES, openSqlite } from './sqlite-connection.ts'
import { toMessage, type MessageRow } from './sqlite-rows.ts'
import { WalCheckpointer } from './wal-checkpointer.ts'
import { WriteLock } from './write-lock.ts'

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
   * How often the WAL is checkpointed, off the event loop (see WalCheckpointer). Default 25 ms;
   * 0 leaves it to SQLite's automatic checkpoint, inside the commits (for comparison).
   */
  checkpointIntervalMs?: number
  /** With manual checkpoints: the WAL's size limit in 4 KiB pages (see WalCheckpointer). */
  walLimitPages?: number
  /**
   * Appends run in a worker thread, on a connection of their own (default), or on this thread
   * (for comparison). A ':memory:' database cannot be shared with a thread: it appends here.
   */
  appendThread?: boolean
}

/** Where appends run: the append thread, or batches on this thread. */
interface Appends {
  submit(input: AppendInput): Promise<AppendResult>
  /** Settles what was submitted. */
  close(): Promise<void>
}

interface ChatRow {
  id: string
  kind: 'direct' | 'group'
  title: string
  created_by: string
  created_at: number
  last_seq: number
}

const toChat = (r: ChatRow): Chat => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  createdBy: r.created_by,
  createdAt: r.created_at,
  lastSeq: r.last_seq,
})

/**
 * The embedded store: chats, members and the chat log in one SQLite file. One transaction
 * checks membership, dedupes, assigns the seq and inserts, so seqs can never be reused, and
 * appends that arrive in the same event-loop turn share one transaction (group commit), run
 * by the append thread (sqlite-append-thread.ts) on the other core. Chats, members and reads
 * stay on this thread's connection.
 */
export class SqliteStore implements MessageStore, ChatStore {
  private readonly db: Database.Database
  private readonly appends: Appends
  /** chatId -> member ids; every membership write goes through this object, so it stays exact. */
  private readonly memberCache = new Map<string, readonly string[]>()
  private readonly stmt
  private readonly onRosterChange: (chatId: string) => void
  private readonly checkpointer: WalCheckpointer | undefined
  /** Taken around every write on this connection and the append thread's (see WriteLock). */
  private readonly writeLock = new WriteLock()

  constructor(options: SqliteStoreOptions) {
    this.onRosterChange = options.onRosterChange ?? (() => {})
    const { path } = options
    const inMemory = path === ':memory:'
    if (!inMemory) mkdirSync(dirname(path), { recursive: true })
    const checkpointIntervalMs = options.checkpointIntervalMs ?? 25
    // Checkpoints happen in a worker thread, not in whichever commit fills the WAL.
    const connection = {
      synchronous: options.synchronous ?? 'NORMAL',
      manualCheckpoints: !inMemory && checkpointIntervalMs > 0,
      walLimitPages: options.walLimitPages ?? DEFAULT_WAL_LIMIT_PAGES,
    }
    // The connection that appends messages bounds the WAL (see WalCheckpointer).
    const appendConnection = { ...connection, boundsWal: true }
    const appendHere = inMemory || options.appendThread === false
    this.db = openSqlite(path, appendHere ? appendConnection : connection)
    this.migrate() // before the append thread opens the file
    if (connection.manualCheckpoints)
      this.checkpointer = new WalCheckpointer(path, checkpointIntervalMs, connection.walLimitPages)
    const maxBatch = options.maxBatch ?? 256
    if (appendHere) {
      const appender = new SqliteAppender(this.db)
      // The same batching as the append thread's, one transaction at a time, committed here.
      this.appends = new PipelinedBatcher<AppendInput, AppendResult>(
        async (items) => async () => this.write(() => appender.appendBatch(items)),
        maxBatch,
        1,
      )
    } else {
      const writeLock = this.writeLock.buffer
      this.appends = new SqliteAppendThread({ path, ...appendConnection, writeLock }, maxBatch)
    }
    const db = this.db
    this.stmt = {
      chat: db.prepare<[string], ChatRow>('SELECT * FROM chats WHERE id = ?'),
      insertChat: db.prepare(
        'INSERT INTO chats (id, kind, title, created_by, created_at) VALUES (@id, @kind, @title, @createdBy, @createdAt)',
      ),
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
      after: db.prepare<[string, number, number], MessageRow>(
        'SELECT * FROM messages WHERE chat_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?',
      ),
      before: db.prepare<[string, number, number], MessageRow>(
        'SELECT * FROM messages WHERE chat_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      ),
    }
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number
    for (let v = version; v < migrations.length; v++) {
      this.db
        .transaction(() => {
          this.db.exec(migrations[v]!)
          this.db.pragma(`user_version = ${v + 1}`)
        })
        .immediate()
    }
  }

  // ------------------------------------------------------------ MessageStore

  append(input: AppendInput): Promise<AppendResult> {
    return this.appends.submit(input)
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
    const create = this.db.transaction(() => {
      const pair = this.stmt.directPair.get(lo, hi)
      if (pair) return { chat: toChat(this.stmt.chat.get(pair.chat_id)!), created: false }
      const chat = this.insertChat('direct', '', userA)
      this.stmt.insertPair.run(lo, hi, chat.id)
      this.insertMemberSync(chat.id, userA, 'member')
      this.insertMemberSync(chat.id, userB, 'member')
      return { chat, created: true }
    })
    return this.write(() => create.immediate())
  }

  async createGroup(input: CreateGroupInput): Promise<Chat> {
    const create = this.db.transaction(() => {
      const chat = this.insertChat('group', input.title, input.createdBy)
      this.insertMemberSync(chat.id, input.createdBy, 'admin')
      for (const userId of input.memberIds) this.insertMemberSync(chat.id, userId, 'member')
      return chat
    })
    return this.write(() => create.immediate())
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
    return this.write(() => this.insertMemberSync(chatId, userId, role))
  }

  private insertMemberSync(chatId: string, userId: string, role: MemberRole): boolean {
    const added = this.stmt.insertMember.run(chatId, userId, role, Date.now()).changes > 0
    if (added) this.rosterChanged(chatId)
    return added
  }

  async removeMember(chatId: string, userId: string): Promise<boolean> {
    const removed = this.write(() => this.stmt.deleteMember.run(chatId, userId)).changes > 0
    if (removed) this.rosterChanged(chatId)
    return removed
  }

  async renameChat(chatId: string, title: string): Promise<Chat> {
    if (this.write(() => this.stmt.rename.run(title, chatId)).changes === 0)
      throw new TidingsError(ErrorCode.UNKNOWN_CHAT, `chat ${chatId} does not exist`)
    return toChat(this.stmt.chat.get(chatId)!)
  }

  async setRole(chatId: string, userId: string, role: MemberRole): Promise<boolean> {
    const changed = this.write(() => this.stmt.setRole.run(role, chatId, userId)).changes > 0
    if (changed) this.rosterChanged(chatId)
    return changed
  }

  async userSettings(userId: string): Promise<UserSettings> {
    const row = this.stmt.settings.get(userId)
    return row ? { hideLastSeen: row.hide_last_seen === 1 } : { ...DEFAULT_USER_SETTINGS }
  }

  async updateUserSettings(userId: string, change: Partial<UserSettings>): Promise<UserSettings> {
    const settings = { ...(await this.userSettings(userId)), ...change }
    this.write(() => this.stmt.saveSettings.run(userId, settings.hideLastSeen ? 1 : 0))
    return settings
  }

  /** A write on this connection, never at the same time as the append thread's (see WriteLock). */
  private write<T>(fn: () => T): T {
    return this.writeLock.hold(fn)
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
    const raise = this.db.transaction(() => {
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
    })
    return this.write(() => raise.immediate())
  }

  async watermarks(chatId: string): Promise<Watermarks[]> {
    return this.stmt.watermarks
      .all(chatId)
      .map((r) => ({ userId: r.user_id, deliveredSeq: r.delivered_seq, readSeq: r.read_seq }))
  }

  async close(): Promise<void> {
    await this.appends.close()
    await this.checkpointer?.stop()
    if (this.db.open) this.db.close()
  }
}
