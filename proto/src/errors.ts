/**
 * Stable error codes, shared by MQTT error events and HTTP error bodies.
 * Clients switch on the code; the message is for humans and may change.
 * Documented in docs/protocol.md; never rename a code, only add.
 */
export const ErrorCode = {
  /** The payload is not a valid protobuf envelope. */
  MALFORMED_PAYLOAD: 'MALFORMED_PAYLOAD',
  /** A field is missing or out of range (e.g. client_msg_id not 16 bytes). */
  INVALID_REQUEST: 'INVALID_REQUEST',
  /** The body is over the configured limit. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The client published or subscribed to a topic it does not own. */
  FORBIDDEN_TOPIC: 'FORBIDDEN_TOPIC',
  /** The chat does not exist. */
  UNKNOWN_CHAT: 'UNKNOWN_CHAT',
  /** A seq the request points at (target_seq, reply_to_seq) names no message of the chat. */
  UNKNOWN_MESSAGE: 'UNKNOWN_MESSAGE',
  /** The user is not (or no longer) a member of the chat. */
  NOT_A_MEMBER: 'NOT_A_MEMBER',
  /** The envelope carries an event kind this server does not handle. */
  UNSUPPORTED_EVENT: 'UNSUPPORTED_EVENT',
  /** The client sends faster than allowed. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The token is missing, malformed, badly signed or for someone else. */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** The token has expired. */
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  /** Authenticated, but not allowed to do this. */
  FORBIDDEN: 'FORBIDDEN',
  /** No such resource (HTTP). */
  NOT_FOUND: 'NOT_FOUND',
  /** The request conflicts with the current state (HTTP). */
  CONFLICT: 'CONFLICT',
  /** The server is not ready (store unavailable); retry later. */
  UNAVAILABLE: 'UNAVAILABLE',
  /** A bug or an unexpected failure; nothing was stored. */
  INTERNAL: 'INTERNAL',
} as const

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

/** An error carrying a stable code; rendered at the edge (MQTT error event or HTTP body). */
export class TidingsError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'TidingsError'
    this.code = code
  }
}

export const isTidingsError = (e: unknown): e is TidingsError => e instanceof TidingsError
