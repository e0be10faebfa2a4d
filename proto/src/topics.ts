import { isValidId } from './ids.ts'

/** Server -> client deliveries for every device of a user. */
export const inboxTopic = (userId: string): string => `u/${userId}`

/** Server -> client answers meant for one device only (sync responses, errors). */
export const deviceTopic = (userId: string, deviceId: string): string => `u/${userId}/${deviceId}`

/** Client -> server requests of a user (any of its devices). */
export const outboxTopic = (userId: string): string => `s/${userId}`

export interface ClientIdentity {
  userId: string
  deviceId: string
}

/** MQTT client id is `<userId>/<deviceId>`; returns undefined when it is not. */
export function parseClientId(clientId: string): ClientIdentity | undefined {
  const slash = clientId.indexOf('/')
  if (slash < 0) return undefined
  const userId = clientId.slice(0, slash)
  const deviceId = clientId.slice(slash + 1)
  return isValidId(userId) && isValidId(deviceId) ? { userId, deviceId } : undefined
}

export const formatClientId = ({ userId, deviceId }: ClientIdentity): string => `${userId}/${deviceId}`

/**
 * Typing in a chat (QoS 0). A device SUBSCRIBEs while the chat is on its screen, so typing goes
 * only to devices that are looking at the chat; membership is checked at SUBSCRIBE.
 */
export const typingTopic = (chatId: string): string => `t/${chatId}`

/** Presence changes of one user (QoS 0). A device SUBSCRIBEs for the users on its screen. */
export const presenceTopic = (userId: string): string => `p/${userId}`

export type InterestTopic = { kind: 'typing'; chatId: string } | { kind: 'presence'; userId: string }

/** `t/<chatId>` or `p/<userId>` with a valid id (no wildcards); undefined for anything else. */
export function parseInterestTopic(topic: string): InterestTopic | undefined {
  const id = topic.slice(2)
  if (!isValidId(id)) return undefined
  if (topic.startsWith('t/')) return { kind: 'typing', chatId: id }
  if (topic.startsWith('p/')) return { kind: 'presence', userId: id }
  return undefined
}
