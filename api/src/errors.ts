import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ErrorCode, isTidingsError } from '@tidings/proto'

const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  INVALID_REQUEST: 400,
  MALFORMED_PAYLOAD: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHORIZED: 401,
  TOKEN_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_A_MEMBER: 403,
  NOT_FOUND: 404,
  UNKNOWN_CHAT: 404,
  UNKNOWN_MESSAGE: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
}

/** Every error leaves the API as `{ "error": { "code", "message" } }` with a stable code. */
export function errorBody(code: ErrorCode, message: string) {
  return { error: { code, message } }
}

export function renderError(err: Error, c: Context) {
  if (isTidingsError(err)) return c.json(errorBody(err.code, err.message), STATUS[err.code] ?? 500)
  c.get('log')?.error({ err }, 'unhandled API error')
  return c.json(errorBody(ErrorCode.INTERNAL, 'internal error'), 500)
}
