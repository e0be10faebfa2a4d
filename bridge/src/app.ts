import type { Logger } from 'pino'
import {
  ErrorCode,
  TidingsError,
  decodeClientEnvelope,
  deviceTopic,
  encodeErrorEvent,
  isTidingsError,
  type tidings,
} from '@tidings/proto'
import type { DeliveryBus } from './delivery-bus.ts'
import type { DeliveredRecord, InboundLog } from './inbound/inbound-log.ts'
import type { BridgeContext } from './pipeline/context.ts'
import { handleSend } from './pipeline/handle-send.ts'
import { handleSync } from './pipeline/handle-sync.ts'
import type { ChatStore } from './store/chat-store.ts'
import type { MessageStore } from './store/message-store.ts'

export interface BridgeDeps {
  messages: MessageStore
  chats: ChatStore
  bus: DeliveryBus
  inbound: InboundLog
  log: Logger
}

export interface BridgeOptions {
  maxBodyBytes: number
}

export interface Bridge {
  /** Starts consuming the inbound log. */
  start(): Promise<void>
  /** Handles one record; exposed for tests and for embedded wiring. */
  handle(record: DeliveredRecord): Promise<void>
  close(): Promise<void>
}

/**
 * The persistence bridge: consumes client requests from the inbound log, stores messages and
 * fans out. A request the bridge refuses is answered with an error event to the device that
 * sent it and is otherwise dropped; only unexpected failures (store down) reject, so the log
 * hands the record out again.
 */
export function createBridge(deps: BridgeDeps, options: BridgeOptions): Bridge {
  const { bus, inbound, log } = deps
  const ctx: BridgeContext = {
    messages: deps.messages,
    chats: deps.chats,
    limits: { maxBodyBytes: options.maxBodyBytes },
    deliver(topic, payload) {
      bus.publish(topic, payload).catch((err: unknown) => log.warn({ err, topic }, 'delivery failed'))
    },
  }

  async function handle(record: DeliveredRecord): Promise<void> {
    let envelope: tidings.v1.ClientEnvelope | undefined
    try {
      try {
        envelope = decodeClientEnvelope(record.payload)
      } catch (err) {
        throw new TidingsError(ErrorCode.MALFORMED_PAYLOAD, `not a ClientEnvelope: ${String(err)}`)
      }
      switch (envelope.event) {
        case 'send':
          return await handleSend(ctx, record, envelope.send!)
        case 'sync':
          return await handleSync(ctx, record, envelope.sync!)
        default:
          throw new TidingsError(
            ErrorCode.UNSUPPORTED_EVENT,
            `event ${envelope.event ?? '(none)'} is not supported`,
          )
      }
    } catch (err) {
      if (!isTidingsError(err)) throw err
      ctx.deliver(
        deviceTopic(record.userId, record.deviceId),
        encodeErrorEvent(err, record.deviceId, envelope?.send),
      )
    }
  }

  return {
    start: () => inbound.consume(handle),
    handle,
    close: async () => {
      await inbound.close()
    },
  }
}
