import { randomBytes, randomUUID } from 'node:crypto'

// User, device and chat ids appear inside MQTT topics, so they must not contain
// `/`, `+`, `#` or `$` (MQTT wildcards and system topics).
const ID_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/

export const isValidId = (id: string): boolean => ID_PATTERN.test(id)

/** A compact random chat id: 12 base64url characters, 72 bits. */
export const newChatId = (): string => randomBytes(9).toString('base64url')

/** client_msg_id travels as the 16 raw bytes of a UUID. */
export const CLIENT_MSG_ID_BYTES = 16

export function newClientMsgId(): Uint8Array {
  return uuidToBytes(randomUUID())
}

export function uuidToBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '')
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TypeError(`not a UUID: ${uuid}`)
  return Uint8Array.from(Buffer.from(hex, 'hex'))
}

export function bytesToUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
