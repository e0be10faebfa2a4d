import { ErrorCode, TidingsError } from '@tidings/proto'
import type { AppendInput, AppendResult, StoredMessage } from './message-store.ts'
import type { Outcome } from './outcome.ts'

/**
 * What crosses between the main thread and the append thread (sqlite-append-thread.ts).
 *
 * A batch's bytes travel in one packed ArrayBuffer that is transferred, not copied: structured
 * clone of a Uint8Array copies its whole underlying ArrayBuffer, and a message decoded from the
 * network is usually a view into a 64 KB socket chunk.
 */
export interface PackedBatch {
  /** Per item, in order (columns: a structured clone of strings is cheap, of objects is not). */
  chatIds: string[]
  senderIds: string[]
  senderDevices: string[]
  contentTypes: string[]
  /** Per item: sentAt, kind, replyToSeq, targetSeq, clientMsgId's length, body's length. */
  numbers: Float64Array
  /** Per item: clientMsgId, then body. */
  bytes: ArrayBuffer
}

const NUMBERS = 6

export function packBatch(items: readonly AppendInput[]): PackedBatch {
  const n = items.length
  let size = 0
  for (const item of items) size += item.clientMsgId.byteLength + item.body.byteLength
  const bytes = new Uint8Array(size)
  const numbers = new Float64Array(n * NUMBERS)
  const chatIds = new Array<string>(n)
  const senderIds = new Array<string>(n)
  const senderDevices = new Array<string>(n)
  const contentTypes = new Array<string>(n)
  let at = 0
  for (let i = 0; i < n; i++) {
    const item = items[i]!
    chatIds[i] = item.chatId
    senderIds[i] = item.senderId
    senderDevices[i] = item.senderDevice
    contentTypes[i] = item.contentType
    const k = i * NUMBERS
    numbers[k] = item.sentAt
    numbers[k + 1] = item.kind
    numbers[k + 2] = item.replyToSeq
    numbers[k + 3] = item.targetSeq
    numbers[k + 4] = item.clientMsgId.byteLength
    numbers[k + 5] = item.body.byteLength
    bytes.set(item.clientMsgId, at)
    at += item.clientMsgId.byteLength
    bytes.set(item.body, at)
    at += item.body.byteLength
  }
  return { chatIds, senderIds, senderDevices, contentTypes, numbers, bytes: bytes.buffer }
}

/** The buffers to transfer with a packed batch. */
export const transferables = (batch: PackedBatch): ArrayBuffer[] => [
  batch.bytes,
  batch.numbers.buffer as ArrayBuffer,
]

/** The inputs again, their bytes views into the one packed buffer. */
export function unpackBatch(batch: PackedBatch): AppendInput[] {
  const { numbers, bytes } = batch
  const items = new Array<AppendInput>(batch.chatIds.length)
  let at = 0
  for (let i = 0; i < items.length; i++) {
    const k = i * NUMBERS
    const clientMsgId = new Uint8Array(bytes, at, numbers[k + 4])
    at += numbers[k + 4]!
    const body = new Uint8Array(bytes, at, numbers[k + 5])
    at += numbers[k + 5]!
    items[i] = {
      chatId: batch.chatIds[i]!,
      senderId: batch.senderIds[i]!,
      senderDevice: batch.senderDevices[i]!,
      clientMsgId,
      body,
      contentType: batch.contentTypes[i]!,
      sentAt: numbers[k]!,
      kind: numbers[k + 1]!,
      replyToSeq: numbers[k + 2]!,
      targetSeq: numbers[k + 3]!,
    }
  }
  return items
}

/**
 * A batch's outcomes: a new message as its seq alone (the main thread has its input); a
 * duplicate as the stored message and an error as its code and message, both rare, by index.
 */
export interface WireOutcomes {
  /** Per item: its seq, or 0 when `others` has its outcome. */
  seqs: Float64Array
  others?: Record<number, { duplicate: StoredMessage } | { error: WireError }>
}

export interface WireError {
  code?: string
  message: string
}

export function outcomesToWire(outcomes: readonly Outcome<AppendResult>[]): WireOutcomes {
  const wire: WireOutcomes = { seqs: new Float64Array(outcomes.length) }
  outcomes.forEach((outcome, i) => {
    if (outcome.ok && !outcome.value.duplicate) wire.seqs[i] = outcome.value.message.seq
    else
      (wire.others ??= {})[i] = outcome.ok
        ? { duplicate: outcome.value.message }
        : { error: errorToWire(outcome.error) }
  })
  return wire
}

export function outcomeFromWire(wire: WireOutcomes, i: number, input: AppendInput): Outcome<AppendResult> {
  const seq = wire.seqs[i]!
  if (seq > 0) return { ok: true, value: { message: { ...input, seq }, duplicate: false } }
  const other = wire.others![i]!
  if ('duplicate' in other) return { ok: true, value: { message: other.duplicate, duplicate: true } }
  return { ok: false, error: errorFromWire(other.error) }
}

export function errorToWire(error: unknown): WireError {
  if (error instanceof TidingsError) return { code: error.code, message: error.message }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code // e.g. SqliteError's SQLITE_FULL
    return typeof code === 'string' ? { code, message: error.message } : { message: error.message }
  }
  return { message: String(error) }
}

const errorCodes = new Set<string>(Object.values(ErrorCode))

/** The same TidingsError the main thread would have thrown; other errors keep message and code. */
export function errorFromWire({ code, message }: WireError): Error {
  if (code !== undefined && errorCodes.has(code)) return new TidingsError(code as ErrorCode, message)
  return Object.assign(new Error(message), code === undefined ? {} : { code })
}
