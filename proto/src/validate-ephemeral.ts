import { ErrorCode, TidingsError } from './errors.ts'
import type { tidings } from './gen/tidings.js'
import { isValidId } from './ids.ts'

/** Users one PresenceQuery may name: a screenful, not an address book. */
export const MAX_PRESENCE_QUERY_USERS = 200

export interface ValidTyping {
  chatId: string
  typing: boolean
}

/** Checks the shape of a typing update; membership is the broker's business. Throws TidingsError. */
export function validateTyping(update: tidings.v1.ITypingUpdate): ValidTyping {
  if (!update.chatId || !isValidId(update.chatId))
    throw new TidingsError(ErrorCode.INVALID_REQUEST, 'chat_id is missing or invalid')
  return { chatId: update.chatId, typing: !!update.typing }
}

/** Checks a presence query: 1..MAX_PRESENCE_QUERY_USERS valid user ids, duplicates dropped. */
export function validatePresenceQuery(query: tidings.v1.IPresenceQuery): string[] {
  const userIds = [...new Set(query.userIds ?? [])]
  if (userIds.length === 0 || userIds.length > MAX_PRESENCE_QUERY_USERS) {
    throw new TidingsError(
      ErrorCode.INVALID_REQUEST,
      `user_ids must name 1 to ${MAX_PRESENCE_QUERY_USERS} users`,
    )
  }
  const bad = userIds.find((id) => !isValidId(id))
  if (bad !== undefined)
    throw new TidingsError(ErrorCode.INVALID_REQUEST, `user id ${JSON.stringify(bad)} is invalid`)
  return userIds
}
