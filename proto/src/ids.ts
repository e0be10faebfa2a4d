// Web Crypto and plain arrays only: this module runs in browsers too (the SDK imports it).

// User, device and chat ids appear inside MQTT topics, so they must not contain
// `/`, `+`, `#` or `$` (MQTT wildcards and system topics).
const ID_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/

export const isValidId = (id: string): boolean => ID_PATTERN.test(id)

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** A compact random chat id: 12 base64url characters (6 random bits each, 72 bits). */
export function newChatId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12))
  return Array.from(bytes, (b) => BASE64URL[b & 63]).join('')
}

/** client_msg_id travels as the 16 raw bytes of a UUID. */
export const CLIENT_MSG_ID_BYTES = 16

/** 16 random bytes laid out as a UUID v4 (version and variant bits set). */
export function newClientMsgId(): Uint8Array {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  return bytes
}

export function uuidToBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '')
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TypeError(`not a UUID: ${uuid}`)
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16))
}

export function bytesToUuid(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
