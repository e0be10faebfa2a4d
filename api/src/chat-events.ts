import type { ChatUpdateKind } from '@tidings/proto'
import { encodeServerEnvelope, inboxTopic } from '@tidings/proto'
import type { DeliveryBus } from '@tidings/bridge'

type Kind = (typeof ChatUpdateKind)[keyof typeof ChatUpdateKind]

/** Tells members' devices that a chat changed, so they refresh without polling. Best effort. */
export function announce(
  bus: DeliveryBus,
  userIds: Iterable<string>,
  chatId: string,
  kind: Kind,
  extra: { userId?: string; title?: string; role?: string } = {},
) {
  const payload = encodeServerEnvelope({ chatUpdate: { chatId, kind, at: Date.now(), ...extra } })
  for (const userId of new Set(userIds)) bus.publish(inboxTopic(userId), payload).catch(() => {})
}
