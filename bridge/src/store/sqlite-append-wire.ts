import { ErrorCode, TidingsError } from '@tidings/proto'
import type { AppendInput, AppendResult, StoredMessage } from './message-store.ts'
import type { Outcome } from './outcome.ts'

/**
 * What crosses between the main thread and the append thread (sqlite-append-thread.ts).
 *
 * A batch is encoded into bytes the append thread reads in place (a slot of shared memory,
 * append-channel.ts): per item ten numbers, then every item's strings and bytes one after
 * another. Only the bytes of each message are written, never the 64 KB socket chunk a message
 * decoded from the network is usually a view into.
 */
const NUMBERS = 10 // sentAt, kind, replyToSeq, targetSeq, then the byte lengths of the six fields
const STRINGS = ['chatId', 'senderId', 'senderDevice', 'contentType'] as const

/** At least the bytes encodeBatch writes for these items (strings counted at 3 bytes a character). */
export function encodedBatchBound(items: readonly AppendInput[]): number {
  let size = 8 * (1 + items.length * NUMBERS)
  for (const item of items) {
    size += item.clientMsgId.byteLength + item.body.byteLength
    for (const field of STRINGS) size += 3 * item[field].length
  }
  return size
}

/** Writes the batch at the start of `into` (8-byte aligned, at least encodedBatchBound long). */
export function encodeBatch(items: readonly AppendInput[], into: Buffer): void {
  const numbers = new Float64Array(into.buffer, into.byteOffset, 1 + items.length * NUMBERS)
  numbers[0] = items.length
  let at = numbers.byteLength
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    const k = 1 + i * NUMBERS
    numbers[k] = item.sentAt
    numbers[k + 1] = item.kind
    numbers[k + 2] = item.replyToSeq
    numbers[k + 3] = item.targetSeq
    for (let f = 0; f < STRINGS.length; f++) {
      const written = into.write(item[STRINGS[f]!], at)
      numbers[k + 4 + f] = written
      at += written
    }
    numbers[k + 8] = item.clientMsgId.byteLength
    into.set(item.clientMsgId, at)
    at += item.clientMsgId.byteLength
    numbers[k + 9] = item.body.byteLength
    into.set(item.body, at)
    at += item.body.byteLength
  }
}

/** The inputs again; their bytes are views into `from`, valid until it is written again. */
export function decodeBatch(from: Buffer): AppendInput[] {
  const count = new Float64Array(from.buffer, from.byteOffset, 1)[0]!
  const numbers = new Float64Array(from.buffer, from.byteOffset, 1 + count * NUMBERS)
  const items = new Array<AppendInput>(count)
  let at = numbers.byteLength
  const next = (length: number) => from.subarray(at, (at += length))
  const text = (length: number) => from.toString('utf8', at, (at += length))
  for (let i = 0; i < count; i++) {
    const k = 1 + i * NUMBERS
    items[i] = {
      chatId: text(numbers[k + 4]!),
      senderId: text(numbers[k + 5]!),
      senderDevice: text(numbers[k + 6]!),
      contentType: text(numbers[k + 7]!),
      clientMsgId: next(numbers[k + 8]!),
      body: next(numbers[k + 9]!),
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
