import { ErrorCode, TidingsError } from '@tidings/proto'
import type { AppendInput, AppendResult, StoredMessage } from './message-store.ts'
import type { Outcome } from './group-commit.ts'

/**
 * What crosses between the main thread and the append thread (sqlite-append-thread.ts).
 *
 * A batch's bytes travel in one packed ArrayBuffer that is transferred, not copied: structured
 * clone of a Uint8Array copies its whole underlying ArrayBuffer, and a message decoded from the
 * network is usually a view into a 64 KB socket chunk.
 */
export interface PackedBatch {
  /** Each input without its bytes; clientMsgId then body follow in `bytes`, item after item. */
  heads: AppendHead[]
  bytes: ArrayBuffer
}

type AppendHead = Omit<AppendInput, 'clientMsgId' | 'body'> & { idBytes: number; bodyBytes: number }

export function packBatch(items: readonly AppendInput[]): PackedBatch {
  let size = 0
  for (const item of items) size += item.clientMsgId.byteLength + item.body.byteLength
  const bytes = new Uint8Array(size)
  const heads: AppendHead[] = []
  let at = 0
  for (const { clientMsgId, body, ...head } of items) {
    bytes.set(clientMsgId, at)
    bytes.set(body, at + clientMsgId.byteLength)
    at += clientMsgId.byteLength + body.byteLength
    heads.push({ ...head, idBytes: clientMsgId.byteLength, bodyBytes: body.byteLength })
  }
  return { heads, bytes: bytes.buffer }
}

/** The inputs again, their bytes views into the one packed buffer. */
export function unpackBatch({ heads, bytes }: PackedBatch): AppendInput[] {
  let at = 0
  return heads.map(({ idBytes, bodyBytes, ...head }) => {
    const clientMsgId = new Uint8Array(bytes, at, idBytes)
    const body = new Uint8Array(bytes, at + idBytes, bodyBytes)
    at += idBytes + bodyBytes
    return { ...head, clientMsgId, body }
  })
}

/**
 * One append's outcome: a new message as its seq alone (the main thread has its input), a
 * duplicate as the stored message, an error as its code and message.
 */
export type WireOutcome =
  { seq: number } | { duplicate: StoredMessage } | { error: { code?: string; message: string } }

export function outcomeToWire(outcome: Outcome<AppendResult>): WireOutcome {
  if (!outcome.ok) return { error: errorToWire(outcome.error) }
  const { message, duplicate } = outcome.value
  return duplicate ? { duplicate: message } : { seq: message.seq }
}

export function outcomeFromWire(wire: WireOutcome, input: AppendInput): Outcome<AppendResult> {
  if ('seq' in wire) return { ok: true, value: { message: { ...input, seq: wire.seq }, duplicate: false } }
  if ('duplicate' in wire) return { ok: true, value: { message: wire.duplicate, duplicate: true } }
  return { ok: false, error: errorFromWire(wire.error) }
}

export function errorToWire(error: unknown): { code?: string; message: string } {
  if (error instanceof TidingsError) return { code: error.code, message: error.message }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code // e.g. SqliteError's SQLITE_FULL
    return typeof code === 'string' ? { code, message: error.message } : { message: error.message }
  }
  return { message: String(error) }
}

const errorCodes = new Set<string>(Object.values(ErrorCode))

/** The same TidingsError the main thread would have thrown; other errors keep message and code. */
export function errorFromWire({ code, message }: { code?: string; message: string }): Error {
  if (code !== undefined && errorCodes.has(code)) return new TidingsError(code as ErrorCode, message)
  return Object.assign(new Error(message), code === undefined ? {} : { code })
}
