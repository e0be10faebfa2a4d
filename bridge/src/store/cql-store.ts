import { createHash } from 'node:crypto'
import cassandra, { type Client } from 'cassandra-driver'
import { asBuffer, ErrorCode, MessageKind, newChatId, TidingsError } from '@tidings/proto'
import type { SequenceAllocator } from '../sequence/sequence-allocator.ts'
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
import { bucketOf } from './cql-schema.ts'
import { failed, ok, type Outcome } from './outcome.ts'
import type {
  AppendContext,
  AppendInput,
  AppendResult,
  HistoryPage,
  HistoryQuery,
  MessageStore,
  StoredMessage,
} from './message-store.ts'
import { BoundedMap } from '../bounded-map.ts'
import { PipelinedBatcher } from './pipelined-batcher.ts'
import { chunkForBatches, type Statement } from './cql-batches.ts'
import { afterEvent, pointsAt, refusal, type MessageRef } from './message-changes.ts'

export interface CqlStoreOptions {
  /** Connected, with its keyspace set and the schema migrated (migrateCql). */
  client: Client
  sequences: SequenceAllocator
  /** Appends per unlogged batch at most. */
  maxBatch?: number
  /**
   * How long a chat's roster is trusted without re-reading (default 1 s); invalidate() and
   * invalidateAll() drop it sooner. Raise it only where every roster change reaches invalidate().
   */
  rosterCacheMs?: number
  /** Called after this store created a chat or changed its members: tell the other processes to invalidate(). */
  onRosterChange?: (chatId: string) => void
  /**
   * How many of a chat's newest buckets (of 2^MESSAGE_BUCKET_BITS messages) a resend is looked
   * up in, once the allocator's dedupe window has passed. Default 8: 8,192 messages back.
   */
  dedupeBuckets?: number
}

const Q = {
  insertMessage: `INSERT INTO messages (chat_id, bucket, seq, sender_id, sender_device, client_msg_id, sent_at,
    kind, content_type, body, reply_to_seq, target_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  // The write timestamp is the seq, so the highest seq wins whatever order the writes land in.
  raiseLastSeq: 'UPDATE chats USING TIMESTAMP ? SET last_seq = ? WHERE chat_id = ?',
  // The target of an edit, delete or reaction, written at targetTimestamp (see there).
  applyEdit: `UPDATE messages USING TIMESTAMP ? SET body = ?, content_type = ?, edited_at = ?, edit_seq = ?,
    edit_seqs = edit_seqs + ? WHERE chat_id = ? AND bucket = ? AND seq = ?`,
  applyDelete: `UPDATE messages USING TIMESTAMP ? SET body = ?, deleted = true, edited_at = null, edit_seq = null,
    reactions = null WHERE chat_id = ? AND bucket = ? AND seq = ?`,
  eraseBody: 'UPDATE messages USING TIMESTAMP ? SET body = ? WHERE chat_id = ? AND bucket = ? AND seq = ?',
  setReaction:
    'UPDATE messages USING TIMESTAMP ? SET reactions[?] = ? WHERE chat_id = ? AND bucket = ? AND seq = ?',
  removeReaction:
    'DELETE reactions[?] FROM messages USING TIMESTAMP ? WHERE chat_id = ? AND bucket = ? AND seq = ?',
  messageAt: 'SELECT * FROM messages WHERE chat_id = ? AND bucket = ? AND seq = ?',
  // A scan of one partition (at most 2^MESSAGE_BUCKET_BITS rows), only for resends and redeliveries.
  byClientMsgId:
    'SELECT * FROM messages WHERE chat_id = ? AND bucket = ? AND client_msg_id = ? ALLOW FILTERING',
  pageDown: 'SELECT * FROM messages WHERE chat_id = ? AND bucket = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
  pageUp: 'SELECT * FROM messages WHERE chat_id = ? AND bucket = ? AND seq > ? ORDER BY seq ASC LIMIT ?',
  topSeq: 'SELECT seq FROM messages WHERE chat_id = ? AND bucket = ? ORDER BY seq DESC LIMIT 1',
  chat: 'SELECT * FROM chats WHERE chat_id = ?',
  chatsIn: 'SELECT * FROM chats WHERE chat_id IN ?',
  insertChat: 'INSERT INTO chats (chat_id, kind, title, created_by, created_at) VALUES (?, ?, ?, ?, ?)',
  insertMember: 'INSERT INTO members (chat_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)',
  insertChatOfUser: 'INSERT INTO chats_by_user (user_id, chat_id, role) VALUES (?, ?, ?)',
  rename: 'UPDATE chats SET title = ? WHERE chat_id = ?',
  settings: 'SELECT hide_last_seen FROM user_settings WHERE user_id = ?',
  saveSettings: 'INSERT INTO user_settings (user_id, hide_last_seen) VALUES (?, ?)',
  deleteMember: 'DELETE FROM members WHERE chat_id = ? AND user_id = ?',
  deleteChatOfUser: 'DELETE FROM chats_by_user WHERE user_id = ? AND chat_id = ?',
  members: 'SELECT user_id, role, joined_at FROM members WHERE chat_id = ?',
  chatsOf: 'SELECT chat_id, role FROM chats_by_user WHERE user_id = ?',
  watermark: 'SELECT read_seq, delivered_seq FROM watermarks WHERE chat_id = ? AND user_id = ?',
  watermarks: 'SELECT user_id, read_seq, delivered_seq FROM watermarks WHERE chat_id = ?',
  raiseRead: 'UPDATE watermarks USING TIMESTAMP ? SET read_seq = ? WHERE chat_id = ? AND user_id = ?',
  raiseDelivered:
    'UPDATE watermarks USING TIMESTAMP ? SET delivered_seq = ? WHERE chat_id = ? AND user_id = ?',
}

type Row = cassandra.types.Row

// Every statement here is idempotent (no counters, no list appends, no LWT): safe to retry.
const EXEC = {
  prepare: true,
  isIdempotent: true,
  consistency: cassandra.types.consistencies.localQuorum,
} as const

/**
 * Write timestamps (µs) for a target's state. Batches are written concurrently and may land out
 * of order, and two writes of one cell in one unlogged batch would tie, so the timestamp carries
 * the order: the event's seq above any real clock (2^52 µs is in the year 2112), and a delete
 * above every seq, so no edit or reaction that races it can bring content back. Only these
 * statements write those cells after the insert, so nothing else is shadowed.
 */
const TARGET_TIMESTAMP_BASE = 2 ** 52
const TOMBSTONE_TIMESTAMP = 2 ** 62
const targetTimestamp = (eventSeq: number): number => TARGET_TIMESTAMP_BASE + eventSeq
const EMPTY = Buffer.alloc(0)

const long = (v: unknown): number =>
  v == null ? 0 : typeof v === 'number' ? v : (v as { toNumber(): number }).toNumber()
const bytes = (b: Buffer | null): Uint8Array => (b ? new Uint8Array(b) : new Uint8Array())
const clientKey = (u: Uint8Array): string => asBuffer(u).toString('hex')

const toChat = (r: Row): Chat => ({
  id: r.chat_id,
  kind: r.kind,
  title: r.title ?? '',
  createdBy: r.created_by,
  createdAt: long(r.created_at),
  lastSeq: long(r.last_seq),
})

const toMessage = (r: Row): StoredMessage => ({
  chatId: r.chat_id,
  seq: long(r.seq),
  senderId: r.sender_id,
  senderDevice: r.sender_device,
  clientMsgId: bytes(r.client_msg_id),
  sentAt: long(r.sent_at),
  kind: r.kind,
  contentType: r.content_type ?? '',
  body: bytes(r.body),
  replyToSeq: long(r.reply_to_seq),
  targetSeq: long(r.target_seq),
  ...(r.edited_at != null ? { editedAt: long(r.edited_at), editSeq: long(r.edit_seq) } : {}),
  ...(r.deleted ? { deleted: true } : {}),
  ...(r.reactions && Object.keys(r.reactions).length > 0
    ? { reactions: { ...(r.reactions as Record<string, string>) } }
    : {}),
})

/** A target as the rules see it, plus the seqs of its edits (a delete erases their bodies). */
interface TargetRef extends MessageRef {
  editSeqs: number[]
}

const toRef = (r: Row): TargetRef => ({
  senderId: r.sender_id,
  kind: r.kind,
  deleted: !!r.deleted,
  editSeqs: ((r.edit_seqs as unknown[] | null) ?? []).map(long),
})

const stored = (input: AppendInput, seq: number): StoredMessage => ({
  chatId: input.chatId,
  seq,
  senderId: input.senderId,
  senderDevice: input.senderDevice,
  clientMsgId: input.clientMsgId,
  sentAt: input.sentAt,
  kind: input.kind,
  contentType: input.contentType,
  body: input.body,
  replyToSeq: input.replyToSeq,
  targetSeq: input.targetSeq,
})

/** A direct chat's id follows from its two members, so creating it twice cannot make two chats. */
export const directChatId = (a: string, b: string): string =>
  'd-' + createHash('sha256').update([a, b].sort().join('\n')).digest('base64url').slice(0, 22)

/** A sender missing from a roster read longer ago than this makes the store read it again. */
const RECHECK_MS = 1000

interface Roster {
  at: number
  members: Member[] | undefined // undefined: no such chat
}

interface Job {
  input: AppendInput
  context: AppendContext
}

/**
 * The cluster store on Cassandra/ScyllaDB. Seqs come from a SequenceAllocator (Redis), since
 * there is no transaction to assign them in. The messages of one group commit go out as one
 * unlogged batch (one round trip for many chats); several batches write at once and their
 * results are released in order, so no chat shows a hole to its readers. One row per message
 * and nothing else on the hot path: the allocator remembers recent client ids, and resends and
 * redeliveries are looked up in the chat's newest buckets (dedupeBuckets).
 */
export class CqlStore implements MessageStore, ChatStore {
  private readonly client: Client
  private readonly sequences: SequenceAllocator
  private readonly rosterCacheMs: number
  private readonly rosters = new BoundedMap<string, Roster>(100_000)
  private readonly rosterLoads = new Map<string, Promise<Member[] | undefined>>()
  private readonly invalidatedAt = new BoundedMap<string, number>(100_000)
  private allInvalidatedAt = -1
  private generation = 0
  private readonly batcher: PipelinedBatcher<Job, AppendResult>
  private readonly onRosterChange: (chatId: string) => void
  private readonly dedupeBuckets: number
  /** The last_seq this process last wrote per chat, and when: it is written at most once a second. */
  private readonly lastSeqWritten = new BoundedMap<string, { seq: number; at: number }>(100_000)
  /**
   * Targets changed by batches whose writes are still in flight (`chatId/seq`): the next batch is
   * prepared before they land, and must not, say, accept an edit of a message being deleted.
   */
  private readonly targetsInFlight = new Map<string, { ref: TargetRef; batches: number }>()
  /** Per chat, the preparation of the latest batch that has messages for it (never rejects). */
  private readonly chatsPreparing = new Map<string, Promise<void>>()

  constructor(options: CqlStoreOptions) {
    this.client = options.client
    this.sequences = options.sequences
    this.rosterCacheMs = options.rosterCacheMs ?? 1000
    this.onRosterChange = options.onRosterChange ?? (() => {})
    this.dedupeBuckets = options.dedupeBuckets ?? 8
    this.batcher = new PipelinedBatcher((jobs) => this.prepareBatch(jobs), options.maxBatch ?? 256)
  }

  // ---- MessageStore ----

  append(input: AppendInput, context: AppendContext = {}): Promise<AppendResult> {
    return this.batcher.submit({ input, context })
  }

  async history(chatId: string, query: HistoryQuery): Promise<HistoryPage> {
    const limit = query.limit
    const want = limit + 1 // one extra tells whether there is more
    const found: StoredMessage[] = []
    if (query.after !== undefined) {
      const lastSeq = (await this.getChat(chatId))?.lastSeq ?? 0
      for (let b = bucketOf(query.after + 1); b <= bucketOf(lastSeq) && found.length < want; b++) {
        const rows = await this.rows(Q.pageUp, [chatId, b, query.after, want - found.length])
        found.push(...rows.map(toMessage))
      }
      return { messages: found.slice(0, limit), hasMore: found.length > limit }
    }
    let below = query.before
    if (below === undefined) below = ((await this.getChat(chatId))?.lastSeq ?? 0) + 1
    for (let b = bucketOf(Math.max(below - 1, 0)); b >= 0 && found.length < want; b--) {
      const rows = await this.rows(Q.pageDown, [chatId, b, below, want - found.length])
      found.push(...rows.map(toMessage))
    }
    return { messages: found.slice(0, limit).reverse(), hasMore: found.length > limit }
  }

  /** Highest seq stored for the chat: last_seq, then whatever later buckets hold beyond it. */
  readonly highWaterMark = async (chatId: string): Promise<number> =>
    (await this.getChat(chatId))?.lastSeq ?? 0

  /** The newest seq, from the last_seq hint plus what the buckets from its one on hold. */
  private async topSeq(chatId: string, hint: number): Promise<number> {
    let top = hint
    for (let b = bucketOf(top); ; b++) {
      const [row] = await this.rows(Q.topSeq, [chatId, b])
      if (!row) return top
      top = Math.max(top, long(row.seq))
    }
  }

  private async withTopSeq(chat: Chat): Promise<Chat> {
    return { ...chat, lastSeq: await this.topSeq(chat.id, chat.lastSeq) }
  }

  /**
   * Phase one: membership, dedupe, seqs, chat by chat. A chat's part waits for the previous
   * batch's part for that chat (so its seqs follow theirs and it sees their edits in flight);
   * other chats do not wait, and neither does the batch as a whole. Returns phase two: the writes.
   */
  private async prepareBatch(jobs: Job[]): Promise<() => Promise<Outcome<AppendResult>[]>> {
    const outcomes: Outcome<AppendResult>[] = new Array(jobs.length)
    const statements: Statement[] = []
    const written: number[] = []
    const touched = new Map<string, TargetRef>()
    const byChat = new Map<string, number[]>()
    jobs.forEach((job, i) => {
      const list = byChat.get(job.input.chatId) ?? []
      list.push(i)
      byChat.set(job.input.chatId, list)
    })
    // Queued synchronously, in batch order: the batcher calls the next prepareBatch before this one ends.
    const parts = [...byChat].map(([chatId, indexes]) => {
      const previous = this.chatsPreparing.get(chatId)
      const part = (async () => {
        await previous
        const changed = new Map<string, TargetRef>()
        try {
          await this.prepareChat(chatId, indexes, jobs, outcomes, statements, written, changed)
        } catch (error) {
          for (const i of indexes) outcomes[i] ??= failed(error)
        }
        for (const [key, ref] of changed) {
          const entry = this.targetsInFlight.get(key)
          this.targetsInFlight.set(key, { ref, batches: (entry?.batches ?? 0) + 1 })
          touched.set(key, ref)
        }
      })()
      this.chatsPreparing.set(chatId, part)
      void part.then(() => this.chatsPreparing.get(chatId) === part && this.chatsPreparing.delete(chatId))
      return part
    })
    await Promise.all(parts)
    return async () => {
      try {
        await this.writeAll(statements)
      } catch (error) {
        for (const i of written) outcomes[i] = failed(error)
      } finally {
        for (const key of touched.keys()) {
          const entry = this.targetsInFlight.get(key)!
          if (--entry.batches === 0) this.targetsInFlight.delete(key)
        }
      }
      return outcomes
    }
  }

  private async prepareChat(
    chatId: string,
    indexes: number[],
    jobs: Job[],
    outcomes: Outcome<AppendResult>[],
    statements: Statement[],
    written: number[],
    touched: Map<string, TargetRef>,
  ): Promise<void> {
    let members = await this.roster(chatId)
    let memberIds = new Set(members?.map((m) => m.userId))
    if (members && indexes.some((i) => !memberIds.has(jobs[i]!.input.senderId)) && this.mayRecheck(chatId)) {
      // Another process may have just added this sender, its invalidation not here yet: ask the
      // store before refusing (at most once a second per chat, however many sends are refused).
      members = await this.roster(chatId, true)
      memberIds = new Set(members?.map((m) => m.userId))
    }
    if (!members) {
      const error = new TidingsError(ErrorCode.UNKNOWN_CHAT, `chat ${chatId} does not exist`)
      for (const i of indexes) outcomes[i] = failed(error)
      return
    }
    const leaders = new Map<string, number>() // client id -> first job in this batch with it
    const followers: [number, number][] = []
    for (const i of indexes) {
      const { input } = jobs[i]!
      if (!memberIds.has(input.senderId)) {
        outcomes[i] = failed(
          new TidingsError(ErrorCode.NOT_A_MEMBER, `${input.senderId} is not a member of ${chatId}`),
        )
        continue
      }
      const key = clientKey(input.clientMsgId)
      const leader = leaders.get(key)
      if (leader === undefined) leaders.set(key, i)
      else followers.push([i, leader])
    }

    // Resends and redeliveries: the durable dedupe table knows ids older than the allocator's window.
    // (Skipped without such jobs, like the target lookups below: no promise per plain message.)
    const resends = [...leaders].filter(([, i]) => jobs[i]!.context.mayBeDuplicate)
    if (resends.length > 0)
      await Promise.all(
        resends.map(async ([key, i]) => {
          const message = await this.storedCopy(chatId, jobs[i]!.input.clientMsgId)
          if (message) {
            outcomes[i] = ok({ message, duplicate: true })
            leaders.delete(key)
          }
        }),
      )

    // Edits, deletes, reactions and replies: checked against their targets (and against each
    // other, in order) before any seq is allocated, so a refused one leaves no hole.
    const targets = [...leaders.values()].map((i) => pointsAt(jobs[i]!.input))
    const refs = targets.some((seq) => seq > 0)
      ? await this.targetRefs(chatId, targets)
      : new Map<number, TargetRef | undefined>()
    for (const [key, i] of leaders) {
      const { input } = jobs[i]!
      const ref = refs.get(pointsAt(input))
      const refused = refusal(input, ref)
      if (refused) {
        outcomes[i] = failed(refused)
        leaders.delete(key)
      } else if (ref) refs.set(pointsAt(input), { ...afterEvent(ref, input), editSeqs: ref.editSeqs })
    }

    const fresh = [...leaders.values()]
    if (fresh.length > 0) {
      const allocations = await this.sequences.allocate(
        {
          chatId,
          clientMsgIds: fresh.map((i) => clientKey(jobs[i]!.input.clientMsgId)),
          fence: jobs[fresh[0]!]!.context.fence,
        },
        this.highWaterMark,
      )
      let top = 0
      // Seen before: stored already, unless the earlier attempt died before its write.
      const storedBefore = allocations.some((a) => a.known)
        ? await Promise.all(
            allocations.map(async ({ seq, known }) =>
              known ? (await this.rows(Q.messageAt, [chatId, bucketOf(seq), seq]))[0] : undefined,
            ),
          )
        : []
      const toWrite = fresh.map((i, n) => {
        const row = storedBefore[n]
        if (!row) return i
        outcomes[i] = ok({ message: toMessage(row), duplicate: true })
        return undefined
      })
      // In seq order, so a delete erases the bodies of edits allocated just before it.
      fresh.forEach((i, n) => {
        if (toWrite[n] === undefined) return
        const message = stored(jobs[i]!.input, allocations[n]!.seq)
        statements.push(...this.messageWrites(message))
        const ref = refs.get(message.targetSeq)
        if (ref && message.kind !== MessageKind.MESSAGE_KIND_NORMAL) {
          const after = this.targetWrites(message, ref, statements)
          refs.set(message.targetSeq, after)
          touched.set(`${chatId}/${message.targetSeq}`, after)
        }
        top = Math.max(top, message.seq)
        outcomes[i] = ok({ message, duplicate: false })
        written.push(i)
      })
      if (top > 0 && this.shouldWriteLastSeq(chatId, top)) {
        statements.push({ query: Q.raiseLastSeq, params: [top, top, chatId] })
      }
    }
    for (const [i, leader] of followers) {
      const outcome = outcomes[leader]!
      outcomes[i] = outcome.ok ? ok({ message: outcome.value.message, duplicate: true }) : outcome
      if (written.includes(leader)) written.push(i)
    }
  }

  private messageWrites(m: StoredMessage): Statement[] {
    return [
      {
        query: Q.insertMessage,
        params: [
          m.chatId,
          bucketOf(m.seq),
          m.seq,
          m.senderId,
          m.senderDevice,
          asBuffer(m.clientMsgId),
          m.sentAt,
          m.kind,
          m.contentType,
          asBuffer(m.body),
          m.replyToSeq,
          m.targetSeq,
        ],
      },
    ]
  }

  /**
   * The target's new state after event `m`: appends its writes (same batch as the event row; in
   * the same partition when both are in one bucket, so readers see both or neither).
   */
  private targetWrites(m: StoredMessage, ref: TargetRef, statements: Statement[]): TargetRef {
    const where = [m.chatId, bucketOf(m.targetSeq), m.targetSeq]
    const at = targetTimestamp(m.seq)
    const write = (query: string, params: unknown[]) => statements.push({ query, params, withPrevious: true })
    switch (m.kind) {
      case MessageKind.MESSAGE_KIND_EDIT:
        write(Q.applyEdit, [at, asBuffer(m.body), m.contentType, m.sentAt, m.seq, [m.seq], ...where])
        return { ...ref, editSeqs: [...ref.editSeqs, m.seq] }
      case MessageKind.MESSAGE_KIND_DELETE:
        write(Q.applyDelete, [TOMBSTONE_TIMESTAMP, EMPTY, ...where])
        for (const seq of ref.editSeqs)
          write(Q.eraseBody, [TOMBSTONE_TIMESTAMP, EMPTY, m.chatId, bucketOf(seq), seq])
        return { ...ref, deleted: true }
      case MessageKind.MESSAGE_KIND_REACTION:
        if (m.body.length === 0) write(Q.removeReaction, [m.senderId, at, ...where])
        else write(Q.setReaction, [at, m.senderId, new TextDecoder().decode(m.body), ...where])
        return ref
    }
    return ref
  }

  /** The messages some jobs point at (seq 0: none), as the store will hold them once in-flight writes land. */
  private async targetRefs(chatId: string, seqs: number[]): Promise<Map<number, TargetRef | undefined>> {
    const wanted = [...new Set(seqs.filter((seq) => seq > 0))]
    const found = await Promise.all(
      wanted.map(async (seq): Promise<TargetRef | undefined> => {
        const pending = this.targetsInFlight.get(`${chatId}/${seq}`)
        if (pending) return pending.ref
        const [row] = await this.rows(Q.messageAt, [chatId, bucketOf(seq), seq])
        return row && toRef(row)
      }),
    )
    return new Map(wanted.map((seq, n) => [seq, found[n]]))
  }

  /** Unlogged batches of at most ~40 KiB, sent concurrently: one round trip for most group commits. */
  private async writeAll(statements: Statement[]): Promise<void> {
    await Promise.all(
      chunkForBatches(statements).map((chunk) =>
        chunk.length === 1
          ? this.client.execute(chunk[0]!.query, chunk[0]!.params, EXEC)
          : this.client.batch(
              chunk.map(({ query, params }) => ({ query, params })),
              { ...EXEC, logged: false },
            ),
      ),
    )
  }

  /** The message a client id was stored as, looked up in the chat's newest buckets. */
  private async storedCopy(chatId: string, clientMsgId: Uint8Array): Promise<StoredMessage | undefined> {
    const top = await this.highWaterMark(chatId)
    for (let b = bucketOf(top), n = 0; b >= 0 && n < this.dedupeBuckets; b--, n++) {
      const [row] = await this.rows(Q.byClientMsgId, [chatId, b, asBuffer(clientMsgId)])
      if (row) return toMessage(row)
    }
    return undefined
  }

  /**
   * last_seq is a hint, written at most once a second per chat (and whenever the seq enters a
   * new bucket): a write per message would cost more than the message itself. Readers add what
   * the newest buckets hold beyond it (highWaterMark).
   */
  private shouldWriteLastSeq(chatId: string, top: number): boolean {
    const last = this.lastSeqWritten.get(chatId)
    const now = Date.now()
    if (last && now - last.at < 1000 && bucketOf(last.seq) === bucketOf(top)) return false
    this.lastSeqWritten.set(chatId, { seq: top, at: now })
    return true
  }

  // ---- ChatStore ----

  async createDirect(userA: string, userB: string): Promise<{ chat: Chat; created: boolean }> {
    const id = directChatId(userA, userB)
    const existing = await this.getChat(id)
    if (existing) return { chat: existing, created: false }
    const chat: Chat = { id, kind: 'direct', title: '', createdBy: userA, createdAt: Date.now(), lastSeq: 0 }
    await this.writeChat(chat, [
      [userA, 'member'],
      [userB, 'member'],
    ])
    return { chat, created: true }
  }

  async createGroup(input: CreateGroupInput): Promise<Chat> {
    const chat: Chat = {
      id: newChatId(),
      kind: 'group',
      title: input.title,
      createdBy: input.createdBy,
      createdAt: Date.now(),
      lastSeq: 0,
    }
    const others = input.memberIds.filter((id) => id !== input.createdBy)
    await this.writeChat(chat, [
      [input.createdBy, 'admin'],
      ...[...new Set(others)].map((id): [string, MemberRole] => [id, 'member']),
    ])
    return chat
  }

  async getChat(chatId: string): Promise<Chat | undefined> {
    const [row] = await this.rows(Q.chat, [chatId])
    return row && this.withTopSeq(toChat(row))
  }

  async addMember(chatId: string, userId: string, role: MemberRole = 'member'): Promise<boolean> {
    const members = await this.roster(chatId, true)
    if (!members) throw new TidingsError(ErrorCode.UNKNOWN_CHAT, `chat ${chatId} does not exist`)
    if (members.some((m) => m.userId === userId)) return false
    await this.client.batch(this.memberWrites(chatId, userId, role, Date.now()), { ...EXEC, logged: true })
    this.rosterChanged(chatId)
    return true
  }

  async removeMember(chatId: string, userId: string): Promise<boolean> {
    const members = await this.roster(chatId, true)
    if (!members?.some((m) => m.userId === userId)) return false
    await this.client.batch(
      [
        { query: Q.deleteMember, params: [chatId, userId] },
        { query: Q.deleteChatOfUser, params: [userId, chatId] },
      ],
      { ...EXEC, logged: true },
    )
    this.rosterChanged(chatId)
    return true
  }

  async renameChat(chatId: string, title: string): Promise<Chat> {
    const chat = await this.getChat(chatId)
    if (!chat) throw new TidingsError(ErrorCode.UNKNOWN_CHAT, `chat ${chatId} does not exist`)
    await this.client.execute(Q.rename, [title, chatId], EXEC)
    return { ...chat, title }
  }

  async setRole(chatId: string, userId: string, role: MemberRole): Promise<boolean> {
    const member = (await this.roster(chatId, true))?.find((m) => m.userId === userId)
    if (!member) return false
    if (member.role === role) return true
    await this.client.batch(
      [
        { query: Q.insertMember, params: [chatId, userId, role, member.joinedAt] },
        { query: Q.insertChatOfUser, params: [userId, chatId, role] },
      ],
      { ...EXEC, logged: true },
    )
    this.rosterChanged(chatId)
    return true
  }

  async userSettings(userId: string): Promise<UserSettings> {
    const [row] = await this.rows(Q.settings, [userId])
    return { ...DEFAULT_USER_SETTINGS, ...(row ? { hideLastSeen: row.hide_last_seen === true } : {}) }
  }

  async updateUserSettings(userId: string, change: Partial<UserSettings>): Promise<UserSettings> {
    const settings = { ...(await this.userSettings(userId)), ...change }
    await this.client.execute(Q.saveSettings, [userId, settings.hideLastSeen], EXEC)
    return settings
  }

  async members(chatId: string): Promise<Member[]> {
    return (await this.roster(chatId)) ?? []
  }

  async memberIds(chatId: string): Promise<readonly string[]> {
    return (await this.members(chatId)).map((m) => m.userId)
  }

  async isMember(chatId: string, userId: string): Promise<boolean> {
    return (await this.members(chatId)).some((m) => m.userId === userId)
  }

  async chatsOf(userId: string): Promise<ChatSummary[]> {
    const mine = await this.rows(Q.chatsOf, [userId])
    if (mine.length === 0) return []
    const rows = await this.rows(Q.chatsIn, [mine.map((r) => r.chat_id as string)])
    // Per chat: the exact last seq (the hint plus newer buckets) and this user's watermarks.
    const chats = new Map(
      await Promise.all(
        rows.map(async (r) => {
          const [chat, [mark]] = await Promise.all([
            this.withTopSeq(toChat(r)),
            this.rows(Q.watermark, [r.chat_id, userId]),
          ])
          return [chat.id, { chat, mark }] as const
        }),
      ),
    )
    return mine.flatMap((r) => {
      const found = chats.get(r.chat_id)
      if (!found) return []
      const { chat, mark } = found
      return [
        { ...chat, role: r.role, readSeq: long(mark?.read_seq), deliveredSeq: long(mark?.delivered_seq) },
      ]
    })
  }

  async raiseWatermark(chatId: string, userId: string, kind: WatermarkKind, upToSeq: number) {
    const members = await this.roster(chatId)
    if (!members) throw new TidingsError(ErrorCode.UNKNOWN_CHAT, `chat ${chatId} does not exist`)
    if (!members.some((m) => m.userId === userId)) {
      throw new TidingsError(ErrorCode.NOT_A_MEMBER, `${userId} is not a member of ${chatId}`)
    }
    const [last, [row]] = await Promise.all([
      this.highWaterMark(chatId),
      this.rows(Q.watermark, [chatId, userId]),
    ])
    const seq = Math.min(upToSeq, last)
    const before = { readSeq: long(row?.read_seq), deliveredSeq: long(row?.delivered_seq) }
    const after = {
      readSeq: kind === 'read' ? Math.max(before.readSeq, seq) : before.readSeq,
      deliveredSeq: Math.max(before.deliveredSeq, seq),
    }
    const writes: Statement[] = []
    if (after.readSeq > before.readSeq)
      writes.push({ query: Q.raiseRead, params: [seq, seq, chatId, userId] })
    if (after.deliveredSeq > before.deliveredSeq) {
      writes.push({ query: Q.raiseDelivered, params: [seq, seq, chatId, userId] })
    }
    if (writes.length > 0) await this.writeAll(writes)
    const moved = kind === 'read' ? after.readSeq > before.readSeq : after.deliveredSeq > before.deliveredSeq
    return { watermarks: { userId, ...after }, moved }
  }

  async watermarks(chatId: string): Promise<Watermarks[]> {
    const [members, rows] = await Promise.all([this.roster(chatId), this.rows(Q.watermarks, [chatId])])
    const marks = new Map(rows.map((r) => [r.user_id as string, r]))
    return (members ?? [])
      .map((m) => ({
        userId: m.userId,
        readSeq: long(marks.get(m.userId)?.read_seq),
        deliveredSeq: long(marks.get(m.userId)?.delivered_seq),
      }))
      .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
  }

  /** Drops the cached roster of a chat; call it when another process changed the membership. */
  invalidate(chatId: string): void {
    this.rosters.delete(chatId)
    this.rosterLoads.delete(chatId)
    this.invalidatedAt.set(chatId, this.generation++)
  }

  /** Drops every cached roster: call it when invalidations may have been missed (a lost subscription). */
  invalidateAll(): void {
    this.rosters.clear()
    this.rosterLoads.clear()
    this.allInvalidatedAt = this.generation++
  }

  async close(): Promise<void> {
    await this.sequences.close()
  }

  private async writeChat(chat: Chat, members: [string, MemberRole][]): Promise<void> {
    await this.client.batch(
      [
        {
          query: Q.insertChat,
          params: [chat.id, chat.kind, chat.title, chat.createdBy, chat.createdAt],
        },
        ...members.flatMap(([userId, role]) => this.memberWrites(chat.id, userId, role, chat.createdAt)),
      ],
      { ...EXEC, logged: true },
    )
    this.rosterChanged(chat.id)
  }

  private rosterChanged(chatId: string): void {
    this.invalidate(chatId)
    this.onRosterChange(chatId)
  }

  private memberWrites(chatId: string, userId: string, role: MemberRole, at: number): Statement[] {
    return [
      { query: Q.insertMember, params: [chatId, userId, role, at] },
      { query: Q.insertChatOfUser, params: [userId, chatId, role] },
    ]
  }

  /** The members of a chat (undefined when it does not exist), cached for rosterCacheMs. */
  private async roster(chatId: string, fresh = false): Promise<Member[] | undefined> {
    const cached = this.rosters.get(chatId)
    if (!fresh && cached) {
      // Past its time, a roster is still served while a re-read runs: the hot path never waits
      // on it. Changes made through any CqlStore arrive sooner, through invalidate().
      if (Date.now() - cached.at >= this.rosterCacheMs) void this.loadRoster(chatId).catch(() => {})
      return cached.members
    }
    return this.loadRoster(chatId)
  }

  /** Whether the cached roster of a chat was read at least RECHECK_MS ago (or is not cached). */
  private mayRecheck(chatId: string): boolean {
    const cached = this.rosters.get(chatId)
    return !cached || Date.now() - cached.at >= RECHECK_MS
  }

  private loadRoster(chatId: string): Promise<Member[] | undefined> {
    let load = this.rosterLoads.get(chatId)
    if (!load) {
      const at = Date.now()
      const generation = this.generation
      load = Promise.all([this.rows(Q.chat, [chatId]), this.rows(Q.members, [chatId])]).then(
        ([[chat], rows]) => {
          const members = chat
            ? rows.map((r) => ({ userId: r.user_id, role: r.role, joinedAt: long(r.joined_at) }))
            : undefined
          // A read that started before an invalidation may hold the old roster: do not keep it.
          const invalidated = Math.max(this.invalidatedAt.get(chatId) ?? -1, this.allInvalidatedAt)
          if (invalidated >= generation) return members
          this.rosters.set(chatId, { at, members })
          return members
        },
      )
      this.rosterLoads.set(chatId, load)
      void load
        .finally(() => this.rosterLoads.get(chatId) === load && this.rosterLoads.delete(chatId))
        .catch(() => {})
    }
    return load
  }

  private async rows(query: string, params: unknown[]): Promise<Row[]> {
    return (await this.client.execute(query, params, EXEC)).rows
  }
}
