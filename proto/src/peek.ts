// Field numbers from tidings.proto; proto/test/peek.test.ts checks them against the generated encoder.
const SERVER_ENVELOPE_MESSAGE = 1 // ServerEnvelope.message (length-delimited)
const MESSAGE_SENT_AT = 6 // Message.sent_at (int64, varint)

const WIRE_VARINT = 0
const WIRE_FIXED64 = 1
const WIRE_LENGTH_DELIMITED = 2
const WIRE_FIXED32 = 5

// The varint reader's position after its last read (a module field, so reading allocates nothing).
let at = 0

/**
 * The varint at `pos` (at most 8 bytes: Tidings' lengths and times need 6), leaving `at` after it;
 * -1 if it is truncated or longer (a negative int64 takes 10).
 */
function varint(bytes: Uint8Array, pos: number, end: number): number {
  let value = 0
  let scale = 1
  for (let i = 0; i < 8 && pos < end; i++) {
    const byte = bytes[pos++]!
    value += (byte & 0x7f) * scale
    if (byte < 0x80) {
      at = pos
      return value
    }
    scale *= 128
  }
  return -1
}

/** Skips one field's value of `wireType` from `pos`; -1 when it cannot. */
function skip(bytes: Uint8Array, pos: number, end: number, wireType: number): number {
  switch (wireType) {
    case WIRE_VARINT:
      return varint(bytes, pos, end) < 0 ? -1 : at
    case WIRE_FIXED64:
      return pos + 8
    case WIRE_LENGTH_DELIMITED: {
      const length = varint(bytes, pos, end)
      return length < 0 ? -1 : at + length
    }
    case WIRE_FIXED32:
      return pos + 4
    default:
      return -1 // groups: never written by Tidings
  }
}

/** `Message.sent_at` inside `bytes[pos, end)`, or undefined. */
function sentAtOf(bytes: Uint8Array, pos: number, end: number): number | undefined {
  let sentAt: number | undefined
  while (pos < end) {
    const tag = varint(bytes, pos, end)
    if (tag < 0) return undefined
    pos = at
    if (tag === ((MESSAGE_SENT_AT << 3) | WIRE_VARINT)) {
      const value = varint(bytes, pos, end)
      if (value < 0) return undefined // negative or beyond 2^53: not a time
      sentAt = value
      pos = at
    } else {
      pos = skip(bytes, pos, end, tag & 7)
      if (pos < 0) return undefined
    }
  }
  return pos === end ? sentAt : undefined
}

/**
 * The `sent_at` of a ServerEnvelope carrying a chat `Message`, read without decoding the
 * envelope (no allocation: the broker calls this per delivery). Undefined for every other
 * event, for a message without `sent_at`, and for bytes that are not a valid envelope.
 */
export function peekMessageSentAt(bytes: Uint8Array): number | undefined {
  const end = bytes.length
  let pos = 0
  let sentAt: number | undefined
  while (pos < end) {
    const tag = varint(bytes, pos, end)
    if (tag < 0) return undefined
    pos = at
    if (tag === ((SERVER_ENVELOPE_MESSAGE << 3) | WIRE_LENGTH_DELIMITED)) {
      const length = varint(bytes, pos, end)
      const stop = at + length
      if (length < 0 || stop > end) return undefined
      sentAt = sentAtOf(bytes, at, stop)
      pos = stop
    } else {
      pos = skip(bytes, pos, end, tag & 7)
      if (pos < 0) return undefined
    }
  }
  return pos === end ? sentAt : undefined
}
