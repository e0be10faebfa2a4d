import mqtt, { type MqttClient } from 'mqtt'
import type { tidings } from '@tidings/proto'
import {
  DEFAULT_CONTENT_TYPE,
  MESSAGE_KIND_NAMES,
  ErrorCode,
  TidingsError,
  bytesToUuid,
  decodeServerEnvelope,
  encodeClientEnvelope,
  formatClientId,
  newClientMsgId,
  outboxTopic,
  ReceiptKind,
  type ClientEnvelope,
  type MessageKindName,
} from '@tidings/proto'
import { backoffDelay } from './backoff.ts'
import { ChatCursor } from './chat-cursor.ts'
import { Ephemeral, type PresenceEvent, type TypingEvent } from './ephemeral.ts'
import { fillFromHistory } from './history-fill.ts'
import { HttpApi, type ApiMessage } from './http.ts'
import { MemoryOutboxStorage } from './outbox/memory-outbox-storage.ts'
import { Outbox, type OutboxEvent, type SendResult } from './outbox/outbox.ts'
import type { OutboxEntry, OutboxStorage } from './outbox/outbox-storage.ts'
import { toMqttPayload } from './payload.ts'

export type { SendResult } from './outbox/outbox.ts'

export interface TidingsClientOptions {
  /** mqtt://host:1883 for TCP, ws://host:8083/mqtt for WebSocket. */
  url: string
  /** REST API base, e.g. http://host:8080 */
  apiUrl: string
  token: string
  userId: string
  deviceId: string
  /** How long to wait for an ack before re-sending with the same client_msg_id. Default 5 s. */
  ackTimeoutMs?: number
  /**
   * `send()` rejects after this many publishes without an ack (default 6). The message stays in
   * the outbox and is still retried; `onOutbox` reports how it ends. Offline time counts no attempts.
   */
  maxSendAttempts?: number
  /**
   * Where unacknowledged sends wait, so they survive reconnects and, with a persistent storage,
   * app restarts: `MemoryOutboxStorage` (default), `FileOutboxStorage` (`@tidings/sdk/node`),
   * `IndexedDbOutboxStorage` (browsers). A new client on the same storage resends what is left.
   */
  outbox?: OutboxStorage
  /** MQTT keepalive in seconds. Default 60. */
  keepaliveSeconds?: number
  /** How long a (re)connect waits for its sync answer before reconnecting. Default 10 s. */
  syncTimeoutMs?: number
  /**
   * A fresh token, asked for when the server ends the connection because the token expired
   * (or refuses it at a reconnect). Without it the client keeps retrying with the old token
   * until `setToken()` gives it a new one.
   */
  refreshToken?: () => Promise<string>
}

/** A message of a chat log, as the app sees it: released once per (chatId, seq), in seq order. */
export interface ChatMessage extends Omit<ApiMessage, 'body'> {
  body: Uint8Array
}

export interface SendOptions {
  contentType?: string
  /** A reply: the seq of the message it answers. */
  replyToSeq?: number
  /** 'normal' by default; edit(), delete() and react() set the others. */
  kind?: MessageKindName
  /** For an edit, delete or reaction: the seq of the message it changes. */
  targetSeq?: number
  /** Reuse to make a send idempotent across app restarts. */
  clientMsgId?: Uint8Array
}

type Listener<T> = (value: T) => void

/**
 * The Tidings client: one MQTT connection (TCP or WebSocket) for live events plus the REST
 * API for history. Messages are released to `onMessage` listeners exactly once per
 * (chat, seq) and in seq order; holes left by the live path are filled from history.
 */
/** A member's watermark moved (`userId` is empty for a group aggregate: every member reached it). */
export interface ReceiptEvent {
  chatId: string
  userId: string
  kind: 'delivered' | 'read'
  upToSeq: number
}

export class TidingsClient {
  readonly api: HttpApi
  private mqtt!: MqttClient
  private readonly cursors = new Map<string, ChatCursor<ChatMessage>>()
  private readonly fetching = new Map<string, Promise<void>>()
  private readonly outbox: Outbox
  /**
   * Waiting for the next sync answer. Answers carry no request id and one can be lost with its
   * connection, so an answer is not matched to a request: every answer is applied (see
   * applySync), and a waiter only wants to know that one arrived.
   */
  private readonly syncWaiters = new Set<() => void>()
  /** Receipts not yet PUBACKed, per kind and chat: sent again after a reconnect (watermarks, so repeats are harmless). */
  private readonly unackedReceipts = new Map<string, tidings.v1.IReceiptUpdate>()
  /** Our own read watermark per chat as last heard (receipts from our devices, sync answers). */
  private readonly ownRead = new Map<string, number>()
  private readonly messageListeners = new Set<Listener<ChatMessage>>()
  private readonly eventListeners = new Set<Listener<tidings.v1.ServerEnvelope>>()
  private readonly receiptListeners = new Set<Listener<ReceiptEvent>>()
  /** Per chat: the highest own seq to mark read, sent once per burst of sends. */
  private readonly ownReads = new Map<string, number>()
  private ownReadsTimer: ReturnType<typeof setTimeout> | undefined
  private readonly ephemeral: Ephemeral
  private closing = false
  private opened = false
  private reconnectAttempt = 0
  /** Counts connections, so a catch-up that fails late cannot cut a newer connection. */
  private connection = 0
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined
  private reconnectImmediately = false
  private token: string
  /** The server said the token expired (or refused it): get a new one before reconnecting. */
  private tokenRejected = false

  private constructor(private readonly options: TidingsClientOptions) {
    this.token = options.token
    this.api = new HttpApi(options.apiUrl, () => this.token)
    this.ephemeral = new Ephemeral(() => this.mqtt, options.userId)
    this.outbox = new Outbox({
      storage: options.outbox ?? new MemoryOutboxStorage(),
      userId: options.userId,
      publish: (send) => this.publish({ send }),
      connected: () => this.mqtt?.connected ?? false,
      ackTimeoutMs: options.ackTimeoutMs ?? 5_000,
      maxSendAttempts: options.maxSendAttempts ?? 6,
    })
  }

  static async connect(options: TidingsClientOptions): Promise<TidingsClient> {
    const client = new TidingsClient(options)
    await client.open()
    // What an earlier instance left in the outbox goes out once the caller has had its turn to
    // add listeners (right after this resolves), so onOutbox reports how each of those ends.
    setTimeout(() => client.connected && client.outbox.connected(), 0)
    return client
  }

  get userId(): string {
    return this.options.userId
  }

  get deviceId(): string {
    return this.options.deviceId
  }

  get connected(): boolean {
    return this.mqtt.connected
  }

  private async open(): Promise<void> {
    const { url, userId, deviceId, keepaliveSeconds = 60 } = this.options
    const token = this.token
    await this.outbox.restore() // what an earlier instance left goes out on the first connect
    this.mqtt = mqtt.connect(url, {
      clientId: formatClientId({ userId, deviceId }),
      username: userId,
      password: token,
      protocolVersion: 4,
      clean: true,
      keepalive: keepaliveSeconds,
      reconnectPeriod: 0, // our own backoff with jitter, see scheduleReconnect
      connectTimeout: 10_000,
    })
    this.mqtt.on('message', (_topic, payload) => this.onPayload(payload))
    this.mqtt.on('close', () => {
      this.outbox.disconnected()
      this.scheduleReconnect()
    })
    this.mqtt.on('error', (err) => {
      // Surfaced through connect() and reconnects; a refused token is renewed before the next try.
      if ((err as { code?: number }).code === 4) this.tokenRejected = true
    })
    this.mqtt.on('connect', () => {
      // Nagle's algorithm (on by default) holds a small write while an earlier one is unacked:
      // tens of ms on every send and receipt of a chat app. Node TCP sockets only; a no-op elsewhere.
      ;(this.mqtt.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true)
      this.reconnectAttempt = 0
      const connection = ++this.connection
      if (!this.opened) {
        // The first connect is synced by open() and its outbox sent by connect(). A later one
        // before open() finished means the first sync answer was lost with its connection: ask
        // again, open() is still waiting.
        if (connection > 1) this.requestSync()
        return
      }
      this.outbox.connected()
      this.ephemeral.restore()
      this.resendReceipts()
      this.catchUp().catch(() => {
        // No sync answer, or history failed: a broken session, so reconnect (this one only).
        // Drop the socket, never end(): mqtt.js' end() closes its packet stores for good, and
        // every publish until the next reconnect() would then throw.
        if (connection === this.connection && this.mqtt.connected) this.mqtt.stream?.destroy()
      })
    })
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => {
        this.closing = true
        this.mqtt.end(true)
        const code = (err as { code?: number }).code
        reject(
          new TidingsError(
            code === 4 || code === 5 ? ErrorCode.UNAUTHORIZED : ErrorCode.UNAVAILABLE,
            `connect failed: ${err.message}`,
            { cause: err },
          ),
        )
      }
      this.mqtt.once('error', onError)
      this.mqtt.once('connect', () => {
        this.mqtt.removeListener('error', onError)
        resolve()
      })
    })
    try {
      await this.syncOnce()
    } catch (err) {
      this.closing = true // connect() failed: no reconnects behind the caller's back
      this.mqtt.end(true)
      throw err
    }
    this.opened = true
  }

  /**
   * The app learned that the network is back (a browser `online` event, a mobile connectivity
   * callback): try now instead of waiting out the backoff. Harmless while connected.
   */
  reconnectNow(): void {
    if (this.closing || !this.opened || this.mqtt.connected) return
    this.reconnectAttempt = 0
    this.reconnectImmediately = true
    // An attempt still waiting on a dead network would hang until its connect timeout: drop it.
    if (this.mqtt.reconnecting) this.mqtt.stream?.destroy()
    else this.scheduleReconnect()
  }

  /** A new token for the next (re)connect and for the REST API. */
  setToken(token: string): void {
    this.token = token
    this.tokenRejected = false
    this.mqtt.options.password = token
  }

  private scheduleReconnect(): void {
    if (this.closing) return
    const delay = this.reconnectImmediately ? 0 : backoffDelay(this.reconnectAttempt++)
    this.reconnectImmediately = false
    clearTimeout(this.reconnectTimer)
    this.reconnectTimer = setTimeout(async () => {
      if (this.closing || this.mqtt.connected || this.mqtt.reconnecting) return
      if (this.tokenRejected && this.options.refreshToken) {
        try {
          this.setToken(await this.options.refreshToken())
        } catch {
          return this.scheduleReconnect() // no token yet: try again later
        }
        if (this.closing || this.mqtt.connected || this.mqtt.reconnecting) return
      }
      // reconnect() starts mqtt.js on a fresh packet store, so whatever is still in flight is
      // gone: fail it now (receipts are kept and resent, sends retry on their own) rather than
      // leave callbacks that never fire and a graceful close() that waits for them forever.
      for (const id of Object.keys(this.mqtt.outgoing)) this.mqtt.removeOutgoingMessage(Number(id))
      this.mqtt.reconnect()
    }, delay)
  }

  /**
   * After every reconnect: ask which chats moved past our cursors. The answer is applied when it
   * arrives (applySync pulls the ranges); this waits for it and for the pulls it started.
   */
  private async catchUp(): Promise<void> {
    await this.syncOnce()
    await Promise.all([...this.fetching.values()])
  }

  /**
   * Sends a SyncRequest and waits for a sync answer on this connection: ours, or that of an
   * earlier request mqtt.js re-sent on this connection, which is as recent (it was answered
   * after this connection subscribed) and so just as good.
   */
  private syncOnce(): Promise<void> {
    const answer = new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer)
        this.syncWaiters.delete(done)
        resolve()
      }
      const timer = setTimeout(() => {
        this.syncWaiters.delete(done) // a waiter left behind would swallow a later answer
        reject(new TidingsError(ErrorCode.UNAVAILABLE, 'sync timed out'))
      }, this.options.syncTimeoutMs ?? 10_000)
      this.syncWaiters.add(done)
    })
    this.requestSync()
    return answer
  }

  private requestSync(): void {
    const cursors = [...this.cursors].map(([chatId, c]) => ({
      chatId,
      seq: c.released,
      readSeq: this.ownRead.get(chatId) ?? 0, // so a read on another device while we were away is named too
    }))
    this.publish({ sync: { cursors } })
  }

  /** A sync answer: pull what moved, start chats new to us, and pick up our own read state. */
  private applySync(chats: tidings.v1.IChatState[]): void {
    for (const c of chats) {
      const chatId = c.chatId!
      const lastSeq = c.lastSeq ?? 0
      let cursor = this.cursors.get(chatId)
      if (!cursor) {
        // Before the first answer: a fresh device starts each chat at its current end (older
        // messages are history). After it, a chat we did not know was created or joined while
        // we were away, and its whole log is news.
        cursor = new ChatCursor(this.opened ? 0 : lastSeq)
        this.cursors.set(chatId, cursor)
      }
      if (lastSeq > cursor.released) this.fill(chatId, lastSeq + 1).catch(() => {}) // catchUp waits on it
      this.learnOwnRead(chatId, c.readSeq ?? 0)
    }
    for (const waiter of [...this.syncWaiters]) waiter()
  }

  /** Our read watermark moved (on another device, or while we were away): tell listeners once. */
  private learnOwnRead(chatId: string, upToSeq: number): void {
    if (upToSeq <= (this.ownRead.get(chatId) ?? 0)) return
    this.ownRead.set(chatId, upToSeq)
    const event: ReceiptEvent = { chatId, userId: this.options.userId, kind: 'read', upToSeq }
    for (const listener of this.receiptListeners) listener(event)
  }

  /** Our own read watermark of a chat, as far as this device knows. */
  readSeq(chatId: string): number {
    return this.ownRead.get(chatId) ?? 0
  }

  /** Called for every message event; releases what is in order, fetches holes. */
  onMessage(listener: Listener<ChatMessage>): () => void {
    this.messageListeners.add(listener)
    return () => this.messageListeners.delete(listener)
  }

  /** Receipts: another member's watermark, or your own from another of your devices, or a group aggregate. */
  onReceipt(listener: Listener<ReceiptEvent>): () => void {
    this.receiptListeners.add(listener)
    return () => this.receiptListeners.delete(listener)
  }

  /** Everything up to `upToSeq` in the chat is read (on screen). Watermarks only move forward. */
  markRead(chatId: string, upToSeq: number): void {
    this.sendReceipt({ chatId, kind: ReceiptKind.RECEIPT_KIND_READ, upToSeq })
  }

  /** Everything up to `upToSeq` in the chat reached this device. */
  markDelivered(chatId: string, upToSeq: number): void {
    this.sendReceipt({ chatId, kind: ReceiptKind.RECEIPT_KIND_DELIVERED, upToSeq })
  }

  /**
   * A receipt is kept until its PUBACK: our reconnect starts mqtt.js on a fresh packet store, so
   * one published while offline or lost with its connection would otherwise never reach the server.
   */
  private sendReceipt(receipt: tidings.v1.IReceiptUpdate): void {
    const key = `${receipt.kind}/${receipt.chatId}`
    const held = this.unackedReceipts.get(key)
    if (held && (held.upToSeq ?? 0) > (receipt.upToSeq ?? 0)) receipt = held
    this.unackedReceipts.set(key, receipt)
    this.publish({ receipt }, (err) => {
      if (!err && this.unackedReceipts.get(key) === receipt) this.unackedReceipts.delete(key)
    })
  }

  private resendReceipts(): void {
    for (const receipt of [...this.unackedReceipts.values()]) this.sendReceipt(receipt)
  }

  /**
   * The chat is on screen: its typing indicators arrive through `onTyping` until the returned
   * function is called (the chat left the screen). Interest survives reconnects.
   */
  viewChat(chatId: string): () => void {
    return this.ephemeral.viewChat(chatId)
  }

  /**
   * Call on every keystroke with true, and with false when the text is sent or cleared. Repeats
   * are thinned out here; the indicator expires by itself on the other side if "false" never comes.
   */
  setTyping(chatId: string, typing: boolean): void {
    this.ephemeral.setTyping(chatId, typing)
  }

  onTyping(listener: Listener<TypingEvent>): () => void {
    return this.ephemeral.onTyping(listener)
  }

  /**
   * The users on screen (replaces the previous set): their current presence, then every change,
   * arrive through `onPresence`. Only users you share a chat with are answered.
   */
  watchPresence(userIds: readonly string[]): void {
    this.ephemeral.watchPresence(userIds)
  }

  onPresence(listener: Listener<PresenceEvent>): () => void {
    return this.ephemeral.onPresence(listener)
  }

  /** Every server envelope as it arrives (acks, errors, chat updates, …), for advanced use. */
  onEvent(listener: Listener<tidings.v1.ServerEnvelope>): () => void {
    this.eventListeners.add(listener)
    return () => this.eventListeners.delete(listener)
  }

  /**
   * Sends a message; resolves with its seq once the server has stored it. The message is written
   * to the outbox first and published again with the same client_msg_id until acknowledged, so
   * a retry can never create a second message. Rejects when the server refuses it (the code of
   * its Error event), when the client closes, and after `maxSendAttempts` publishes without an
   * ack; in the last two cases the message stays in the outbox and is still sent.
   */
  send(chatId: string, body: string | Uint8Array, options: SendOptions = {}): Promise<SendResult> {
    return this.outbox.send({
      chatId,
      clientMsgId: bytesToUuid(options.clientMsgId ?? newClientMsgId()),
      body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
      contentType: options.contentType ?? (typeof body === 'string' ? '' : 'application/octet-stream'),
      kind: options.kind ?? 'normal',
      ...(options.replyToSeq ? { replyToSeq: options.replyToSeq } : {}),
      ...(options.targetSeq ? { targetSeq: options.targetSeq } : {}),
    })
  }

  /** Sends not acknowledged yet, oldest first: this instance's and those an earlier one left in the storage. */
  pending(): OutboxEntry[] {
    return this.outbox.pending()
  }

  /** Outbox changes: a send written (`queued`), stored by the server with its seq (`stored`), or `refused`. */
  onOutbox(listener: Listener<OutboxEvent>): () => void {
    return this.outbox.onEvent(listener)
  }

  /** Replaces the body of your message `seq` (an event in the log; resolves with its seq). */
  edit(
    chatId: string,
    seq: number,
    body: string | Uint8Array,
    options: SendOptions = {},
  ): Promise<SendResult> {
    return this.send(chatId, body, { ...options, kind: 'edit', targetSeq: seq })
  }

  /** Deletes your message `seq` for everyone: its content (and every edit of it) is erased. */
  delete(chatId: string, seq: number, options: SendOptions = {}): Promise<SendResult> {
    return this.send(chatId, new Uint8Array(), {
      contentType: '',
      ...options,
      kind: 'delete',
      targetSeq: seq,
    })
  }

  /** Your reaction to message `seq` (replaces your previous one); '' removes it. */
  react(chatId: string, seq: number, reaction: string, options: SendOptions = {}): Promise<SendResult> {
    return this.send(chatId, reaction, { ...options, kind: 'reaction', targetSeq: seq })
  }

  /** History through the REST API (newest page by default), as ChatMessages. */
  async history(chatId: string, query: { before?: number; after?: number; limit?: number } = {}) {
    const page = await this.api.history(chatId, query)
    return { ...page, messages: page.messages.map(fromApi) }
  }

  async close(): Promise<void> {
    this.closing = true
    this.ephemeral.close()
    clearTimeout(this.reconnectTimer)
    clearTimeout(this.ownReadsTimer)
    if (this.mqtt.connected) for (const [chat, upTo] of this.ownReads) this.markRead(chat, upTo)
    // A graceful end waits for a connection and for every PUBACK: force it while (re)connecting to
    // a dead server, and while anything is unacknowledged (sends wait in the outbox storage and
    // receipts are sent again; on a link that died unnoticed their PUBACKs would never come).
    const force =
      !this.mqtt.connected || this.outbox.pending().length > 0 || Object.keys(this.mqtt.outgoing).length > 0
    await this.outbox.close()
    await new Promise<void>((resolve) => this.mqtt.end(force, {}, () => resolve()))
  }

  private acknowledged(clientMsgId: string, result: SendResult): void {
    const entry = this.outbox.acknowledged(clientMsgId, result)
    if (entry) this.readOwn(entry.chatId, result.seq)
  }

  /** What you wrote yourself is not unread: one read receipt per chat per burst of sends. */
  private readOwn(chatId: string, seq: number): void {
    this.ownReads.set(chatId, Math.max(seq, this.ownReads.get(chatId) ?? 0))
    this.ownReadsTimer ??= setTimeout(() => {
      this.ownReadsTimer = undefined
      for (const [chat, upTo] of this.ownReads) this.markRead(chat, upTo)
      this.ownReads.clear()
    }, 200)
  }

  private publish(envelope: ClientEnvelope, onPuback?: (err?: Error) => void): void {
    // After end() mqtt.js' stores are closed and publish() would throw: the request fails instead
    // (sends stay in the outbox, receipts are kept for the next connection).
    if (this.mqtt.disconnected) return onPuback?.(new Error('the MQTT client has ended'))
    // QoS 1: the PUBACK means the server has durably taken the request.
    this.mqtt.publish(
      outboxTopic(this.options.userId),
      toMqttPayload(encodeClientEnvelope(envelope)),
      { qos: 1 },
      onPuback,
    )
  }

  private onPayload(payload: Uint8Array): void {
    let envelope: tidings.v1.ServerEnvelope
    try {
      envelope = decodeServerEnvelope(payload)
    } catch {
      return // not ours to understand; never crash the app on a bad frame
    }
    for (const listener of this.eventListeners) listener(envelope)
    switch (envelope.event) {
      case 'message': {
        const message = fromWire(envelope.message!)
        // Our own message coming back on our inbox is the ack of the send.
        if (message.senderId === this.options.userId && message.senderDevice === this.options.deviceId) {
          this.acknowledged(message.clientMsgId, {
            seq: message.seq,
            sentAt: message.sentAt,
            clientMsgId: message.clientMsgId,
            duplicate: false,
          })
        }
        return this.receive(message)
      }
      case 'ack': {
        const ack = envelope.ack!
        const key = bytesToUuid(ack.clientMsgId!)
        this.acknowledged(key, {
          seq: ack.seq!,
          sentAt: ack.sentAt!,
          clientMsgId: key,
          duplicate: !!ack.duplicate,
        })
        return
      }
      case 'error': {
        const error = envelope.error!
        if (error.deviceId && error.deviceId !== this.options.deviceId) return
        if (error.code === ErrorCode.TOKEN_EXPIRED) this.tokenRejected = true // the server closes next
        if (error.clientMsgId?.length)
          this.outbox.refused(
            bytesToUuid(error.clientMsgId),
            new TidingsError(error.code as ErrorCode, error.message ?? error.code!),
          )
        return
      }
      case 'sync':
        this.applySync(envelope.sync!.chats ?? [])
        return
      case 'typing':
        return this.ephemeral.receiveTyping(envelope.typing!)
      case 'presence':
        return this.ephemeral.receivePresence(envelope.presence!)
      case 'receipt': {
        const r = envelope.receipt!
        const event: ReceiptEvent = {
          chatId: r.chatId!,
          userId: r.userId ?? '',
          kind: r.kind === ReceiptKind.RECEIPT_KIND_READ ? 'read' : 'delivered',
          upToSeq: r.upToSeq ?? 0,
        }
        // Our own read watermark goes through learnOwnRead, so a sync answer does not repeat it.
        if (event.userId === this.options.userId && event.kind === 'read')
          return this.learnOwnRead(event.chatId, event.upToSeq)
        for (const listener of this.receiptListeners) listener(event)
        return
      }
    }
  }

  private receive(message: ChatMessage): void {
    let cursor = this.cursors.get(message.chatId)
    if (!cursor) this.cursors.set(message.chatId, (cursor = new ChatCursor(0))) // a chat new to us: from its start
    const { ready, missing } = cursor.offer(message)
    this.release(ready)
    if (missing) this.fill(message.chatId, missing.before).catch(() => {}) // retried on the next hole or reconnect
  }

  private release(messages: ChatMessage[]): void {
    for (const m of messages) for (const listener of this.messageListeners) listener(m)
  }

  /** Pulls everything after the cursor up to (not including) `before` from history. One fetch per chat at a time. */
  private fill(chatId: string, before: number): Promise<void> {
    const running = this.fetching.get(chatId)
    // The next fill runs after this one whether it worked or not (a failed one is not retried otherwise).
    if (running) return running.catch(() => {}).then(() => this.fill(chatId, before))
    const job = fillFromHistory<ChatMessage>({
      cursor: this.cursors.get(chatId)!,
      page: async (after) => {
        const page = await this.api.history(chatId, { after, limit: 200 })
        return { messages: page.messages.map(fromApi), hasMore: page.hasMore }
      },
      release: (messages) => this.release(messages),
      before,
    }).finally(() => {
      if (this.fetching.get(chatId) === job) this.fetching.delete(chatId)
    })
    this.fetching.set(chatId, job)
    return job
  }
}

function fromWire(m: tidings.v1.IMessage): ChatMessage {
  const contentType = m.contentType || DEFAULT_CONTENT_TYPE
  const body = m.body ?? new Uint8Array()
  return {
    chatId: m.chatId!,
    seq: m.seq!,
    senderId: m.senderId!,
    senderDevice: m.senderDevice!,
    clientMsgId: bytesToUuid(m.clientMsgId!),
    sentAt: m.sentAt!,
    kind: MESSAGE_KIND_NAMES[m.kind ?? 0] ?? 'normal',
    contentType,
    body,
    ...(contentType.startsWith('text/') ? { text: new TextDecoder().decode(body) } : {}),
    ...(m.replyToSeq ? { replyToSeq: m.replyToSeq } : {}),
    ...(m.targetSeq ? { targetSeq: m.targetSeq } : {}),
  }
}

function fromApi(m: ApiMessage): ChatMessage {
  const { body, ...rest } = m
  return { ...rest, body: Uint8Array.from(atob(body), (ch) => ch.charCodeAt(0)) }
}
