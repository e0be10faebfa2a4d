import { ErrorCode, MESSAGE_KIND_NAMES, TidingsError, uuidToBytes, type SendMessage } from '@tidings/proto'
import { backoffDelay } from '../backoff.ts'
import type { OutboxEntry, OutboxStorage } from './outbox-storage.ts'

export interface SendResult {
  seq: number
  sentAt: number
  clientMsgId: string
  /** The server had the message already (a retry). */
  duplicate: boolean
}

/** What happened to an outbox entry: written (pending), stored by the server, or refused. */
export type OutboxEvent =
  | { type: 'queued'; entry: OutboxEntry }
  | { type: 'stored'; entry: OutboxEntry; result: SendResult }
  | { type: 'refused'; entry: OutboxEntry; error: TidingsError }

/** Refusals that mean "not now": the entry stays and is sent again. Every other code is final. */
const TRANSIENT_CODES = new Set<string>([ErrorCode.UNAVAILABLE, ErrorCode.RATE_LIMITED])

export interface OutboxDeps {
  storage: OutboxStorage
  userId: string
  /** Publishes `ClientEnvelope{ send }` at QoS 1. Called only while connected. */
  publish(send: SendMessage): void
  connected(): boolean
  ackTimeoutMs: number
  maxSendAttempts: number
}

interface Waiter {
  resolve(result: SendResult): void
  reject(err: Error): void
}

/**
 * The SDK's persistent outbox. Every send is written to storage before it is published and
 * stays there until the server acknowledges it (its own copy or a SendAck) or refuses it. While
 * connected, an unacknowledged entry is published again with the same client_msg_id and
 * `resend: true` after the ack timeout plus a jittered backoff; on every (re)connect, every
 * pending entry is published again at once, oldest first, so a chat keeps the order the
 * user wrote in. Offline time costs no attempts: a message waits as long as it has to.
 */
export class Outbox {
  private readonly entries = new Map<string, OutboxEntry>() // in createdAt order
  /** Entries from an earlier instance: whether their last publish left the device is unknown. */
  private readonly restored = new Set<string>()
  private readonly waiters = new Map<string, Waiter[]>()
  private readonly retryTimers = new Map<string, ReturnType<typeof setTimeout>>()
  private readonly listeners = new Set<(event: OutboxEvent) => void>()
  /** Storage writes nobody awaits (attempt counts, removals); close() waits for them. */
  private readonly writes = new Set<Promise<void>>()
  private lastCreatedAt = 0
  private closed = false
  /** Between connected() and disconnected(): sends go out at once. Before the first connected(), they queue behind the restored ones. */
  private flowing = false

  constructor(private readonly deps: OutboxDeps) {}

  /** Takes over what an earlier instance on the same storage left unacknowledged. */
  async restore(): Promise<void> {
    for (const entry of await this.deps.storage.load()) {
      if (entry.userId !== this.deps.userId || this.entries.has(entry.clientMsgId)) continue
      this.entries.set(entry.clientMsgId, entry)
      this.restored.add(entry.clientMsgId)
      this.lastCreatedAt = Math.max(this.lastCreatedAt, entry.createdAt)
    }
  }

  pending(): OutboxEntry[] {
    return [...this.entries.values()].map((e) => structuredClone(e))
  }

  onEvent(listener: (event: OutboxEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Writes the entry, publishes it when connected, and resolves once the server has stored it. */
  async send(message: Omit<OutboxEntry, 'userId' | 'createdAt' | 'attempts'>): Promise<SendResult> {
    if (this.closed) throw new TidingsError(ErrorCode.UNAVAILABLE, 'client closed')
    const key = message.clientMsgId
    if (this.entries.has(key)) return this.wait(key) // the same send again (a reused clientMsgId)
    // Unique and increasing, so the storage's createdAt order is the order of send() calls.
    this.lastCreatedAt = Math.max(Date.now(), this.lastCreatedAt + 1)
    const entry: OutboxEntry = {
      ...message,
      userId: this.deps.userId,
      createdAt: this.lastCreatedAt,
      attempts: 0,
    }
    try {
      await this.deps.storage.put(structuredClone(entry)) // durable before it can reach the server
    } catch (err) {
      throw new TidingsError(ErrorCode.UNAVAILABLE, `outbox storage failed: ${(err as Error).message}`, {
        cause: err,
      })
    }
    if (this.closed) throw new TidingsError(ErrorCode.UNAVAILABLE, 'client closed') // stays for the next instance
    this.entries.set(key, entry)
    const done = this.wait(key)
    this.emit({ type: 'queued', entry: structuredClone(entry) })
    if (this.flowing && this.deps.connected()) this.transmit(entry) // else the next connected() publishes it
    return done
  }

  /** On every CONNACK: publish everything pending, oldest first. */
  connected(): void {
    this.flowing = true
    for (const entry of this.entries.values()) this.transmit(entry)
  }

  /** The connection is gone: retry timers stop until the next connect. */
  disconnected(): void {
    this.flowing = false
    for (const timer of this.retryTimers.values()) clearTimeout(timer)
    this.retryTimers.clear()
  }

  /** The server stored it (own copy or SendAck). Returns the entry, or nothing if it was not ours. */
  acknowledged(clientMsgId: string, result: SendResult): OutboxEntry | undefined {
    const entry = this.forget(clientMsgId)
    if (!entry) return undefined
    for (const w of this.waiters.get(clientMsgId) ?? []) w.resolve(result)
    this.waiters.delete(clientMsgId)
    this.emit({ type: 'stored', entry, result })
    return entry
  }

  /** An Error event for one of our sends: final codes remove the entry, transient ones leave it to the retries. */
  refused(clientMsgId: string, error: TidingsError): void {
    if (TRANSIENT_CODES.has(error.code) || !this.entries.has(clientMsgId)) return
    const entry = this.forget(clientMsgId)!
    for (const w of this.waiters.get(clientMsgId) ?? []) w.reject(error)
    this.waiters.delete(clientMsgId)
    this.emit({ type: 'refused', entry, error })
  }

  /** Rejects waiting send() calls; the entries stay in storage for the next instance. */
  async close(): Promise<void> {
    this.closed = true
    this.disconnected()
    for (const list of this.waiters.values())
      for (const w of list) w.reject(new TidingsError(ErrorCode.UNAVAILABLE, 'client closed'))
    this.waiters.clear()
    await Promise.all(this.writes)
  }

  private wait(key: string): Promise<SendResult> {
    return new Promise<SendResult>((resolve, reject) => {
      const list = this.waiters.get(key) ?? []
      list.push({ resolve, reject })
      this.waiters.set(key, list)
    })
  }

  private transmit(entry: OutboxEntry): void {
    if (this.closed) return
    // Anything published before, by this instance or an earlier one, goes out as a resend: in
    // cluster mode the server then looks for a stored copy in its database.
    const resend = entry.attempts > 0 || this.restored.has(entry.clientMsgId)
    entry.attempts++
    this.track(this.deps.storage.put(structuredClone(entry)))
    this.deps.publish(toSendMessage(entry, resend))
    this.armRetry(entry)
  }

  private armRetry(entry: OutboxEntry): void {
    clearTimeout(this.retryTimers.get(entry.clientMsgId))
    const delay = this.deps.ackTimeoutMs + backoffDelay(entry.attempts - 1, 200, 30_000)
    const timer = setTimeout(() => {
      this.retryTimers.delete(entry.clientMsgId)
      if (this.closed || !this.entries.has(entry.clientMsgId)) return
      if (entry.attempts >= this.deps.maxSendAttempts) this.giveUpWaiting(entry)
      if (this.flowing && this.deps.connected()) this.transmit(entry) // else the next connected() does
    }, delay)
    this.retryTimers.set(entry.clientMsgId, timer)
  }

  /** send() stops waiting after maxSendAttempts; the entry stays and is still retried. */
  private giveUpWaiting(entry: OutboxEntry): void {
    const list = this.waiters.get(entry.clientMsgId)
    if (!list) return
    this.waiters.delete(entry.clientMsgId)
    const error = new TidingsError(
      ErrorCode.UNAVAILABLE,
      `no ack for ${entry.clientMsgId} after ${entry.attempts} attempts; it stays in the outbox and is retried`,
    )
    for (const w of list) w.reject(error)
  }

  private forget(clientMsgId: string): OutboxEntry | undefined {
    const entry = this.entries.get(clientMsgId)
    if (!entry) return undefined
    this.entries.delete(clientMsgId)
    this.restored.delete(clientMsgId)
    clearTimeout(this.retryTimers.get(clientMsgId))
    this.retryTimers.delete(clientMsgId)
    // A failed removal only means one more resend after a restart, which the server dedupes.
    this.track(this.deps.storage.remove(clientMsgId))
    return structuredClone(entry)
  }

  private track(write: Promise<void>): void {
    const settled = write.catch(() => {}) // an attempt count or removal that failed: see forget()
    this.writes.add(settled)
    void settled.finally(() => this.writes.delete(settled))
  }

  private emit(event: OutboxEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch {
        // an app listener's bug must not stop the outbox
      }
    }
  }
}

function toSendMessage(entry: OutboxEntry, resend: boolean): SendMessage {
  return {
    chatId: entry.chatId,
    clientMsgId: uuidToBytes(entry.clientMsgId),
    body: entry.body,
    contentType: entry.contentType,
    kind: MESSAGE_KIND_NAMES.indexOf(entry.kind),
    replyToSeq: entry.replyToSeq ?? 0,
    targetSeq: entry.targetSeq ?? 0,
    resend,
  }
}
