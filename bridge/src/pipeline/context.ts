import type { ChatStore } from '../store/chat-store.ts'
import type { MessageStore } from '../store/message-store.ts'
import type { SendLimits } from '@tidings/proto'
import type { BridgeMetrics } from '../bridge-metrics.ts'

/** What every pipeline step may use. */
export interface BridgeContext {
  messages: MessageStore
  chats: ChatStore
  limits: SendLimits
  metrics: BridgeMetrics
  /** Fire-and-forget publish into the broker cluster (failures are logged, not thrown). */
  deliver(topic: string, payload: Uint8Array): void
}
