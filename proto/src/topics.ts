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
