import { deviceTopic, encodeServerEnvelope, type tidings } from '@tidings/proto'
import type { DeliveredRecord } from '../inbound/inbound-log.ts'
import type { BridgeContext } from './context.ts'

/**
 * Reconnect sync: the device says which seq it holds per chat and the read watermark it knows;
 * the answer lists only the chats that moved past either (a message, or a read on another of the
 * user's devices), and chats the device does not know yet. The device then pulls the missing
 * ranges through history. The answer goes to that device alone.
 */
export async function handleSync(
  ctx: BridgeContext,
  record: DeliveredRecord,
  sync: tidings.v1.ISyncRequest,
): Promise<void> {
  const held = new Map((sync.cursors ?? []).map((c) => [c.chatId ?? '', c]))
  const chats = (await ctx.chats.chatsOf(record.userId))
    .filter((c) => {
      const cursor = held.get(c.id)
      return !cursor || c.lastSeq > (cursor.seq ?? 0) || c.readSeq > (cursor.readSeq ?? 0)
    })
    .map((c) => ({ chatId: c.id, lastSeq: c.lastSeq, readSeq: c.readSeq }))
  ctx.deliver(deviceTopic(record.userId, record.deviceId), encodeServerEnvelope({ sync: { chats } }))
}
