import { deviceTopic, inboxTopic, validateSend, type SendMessage } from '@tidings/proto'
import type { DeliveredRecord } from '../inbound/inbound-log.ts'
import type { BridgeContext } from './context.ts'
import { ackEvent, messageEvent } from './replies.ts'

/**
 * validate -> store (dedupe + seq + insert) -> deliver to every member's inbox, the sender's
 * included (which acks the sending device). Resolves once the message is durable; the deliveries are
 * best effort and are not awaited, so one slow recipient never holds up the sender.
 */
export async function handleSend(
  ctx: BridgeContext,
  record: DeliveredRecord,
  send: SendMessage,
): Promise<void> {
  const started = performance.now()
  const { message, duplicate } = await ctx.messages.append(
    {
      ...validateSend(send, ctx.limits),
      senderId: record.userId,
      senderDevice: record.deviceId,
      sentAt: record.receivedAt,
    },
    { mayBeDuplicate: record.redelivered || !!send.resend, fence: record.fence },
  )
  ctx.metrics.appendSeconds.observe((performance.now() - started) / 1000)
  if (duplicate) ctx.metrics.duplicates.inc()
  else {
    ctx.metrics.stored.inc()
    ctx.metrics.ingestSeconds.observe(Math.max(0, Date.now() - record.receivedAt) / 1000)
  }
  // The sender's own copy on u/<sender> is its ack (it carries client_msg_id and sender_device);
  // an explicit SendAck goes only to a retry, which may have lost that copy. A duplicate is
  // delivered again too: the first attempt may have died between store and fan-out.
  if (duplicate) ctx.deliver(deviceTopic(record.userId, record.deviceId), ackEvent(message, duplicate))
  const payload = messageEvent(message)
  for (const userId of await ctx.chats.memberIds(message.chatId)) ctx.deliver(inboxTopic(userId), payload)
}
