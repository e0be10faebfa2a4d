import { ReceiptKind, encodeServerEnvelope, inboxTopic, validateReceipt, type tidings } from '@tidings/proto'
import type { DeliveredRecord } from '../inbound/inbound-log.ts'
import type { Watermarks } from '../store/chat-store.ts'
import type { BridgeContext } from './context.ts'

/**
 * A member's delivered/read watermark: stored (it only moves forward), then, if it moved:
 * - to the member's own devices, so they converge on read state;
 * - in a direct chat, to the other member ("read up to N");
 * - in a group, to every member only when the lowest watermark of all members rises (an
 *   aggregate with an empty user id: "everyone has read up to N"), so a 500-member group does
 *   not send every receipt to everyone.
 */
export async function handleReceipt(
  ctx: BridgeContext,
  record: DeliveredRecord,
  receipt: tidings.v1.IReceiptUpdate,
): Promise<void> {
  const { chatId, kind, upToSeq } = validateReceipt(receipt)
  const chat = await ctx.chats.getChat(chatId)
  const before = chat?.kind === 'group' ? await ctx.chats.watermarks(chatId) : undefined
  const { watermarks, moved } = await ctx.chats.raiseWatermark(chatId, record.userId, kind, upToSeq)
  if (!moved) return
  const seqOf = (w: Watermarks) => (kind === 'read' ? w.readSeq : w.deliveredSeq)
  const event = (userId: string, seq: number) =>
    encodeServerEnvelope({
      receipt: {
        chatId,
        userId,
        kind: kind === 'read' ? ReceiptKind.RECEIPT_KIND_READ : ReceiptKind.RECEIPT_KIND_DELIVERED,
        upToSeq: seq,
      },
    })
  const mine = event(record.userId, seqOf(watermarks))
  if (!before) {
    for (const member of await ctx.chats.memberIds(chatId)) ctx.deliver(inboxTopic(member), mine)
    return
  }
  ctx.deliver(inboxTopic(record.userId), mine)
  const after = before.map((w) => (w.userId === record.userId ? watermarks : w))
  const lowest = (list: Watermarks[]) => Math.min(...list.map(seqOf))
  if (lowest(after) > lowest(before)) {
    const everyone = event('', lowest(after))
    for (const w of after) ctx.deliver(inboxTopic(w.userId), everyone)
  }
}
