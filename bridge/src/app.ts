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
import type { Registry } from 'prom-client'
import { BridgeMetrics } from './bridge-metrics.ts'
import type { DeliveryBus } from './delivery-bus.ts'
import type { DeliveredRecord, InboundLog } from './inbound/inbound-log.ts'
import type { BridgeContext } from './pipeline/context.ts'
import { handleSend } from './pipeline/handle-send.ts'
import { handleReceipt } from './pipeline/handle-receipt.ts'
import { handleSync } from './pipeline/handle-sync.ts'
import type { ChatStore } from './store/chat-store.ts'
import type { MessageStore } from './store/message-store.ts'

export interface BridgeDeps {
  messages: MessageStore
  chats: ChatStore
  bus: DeliveryBus
  inbound: InboundLog
  log: Logger
  /** prom-client registry the bridge's metrics go to (served at /metrics by the process). */
  metrics?: Registry
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
  const metrics = new BridgeMetrics(deps.metrics)
  const ctx: BridgeContext = {
    messages: deps.messages,
    chats: deps.chats,
    limits: { maxBodyBytes: options.maxBodyBytes },
    metrics,
    deliver(topic, payload) {
      bus.publish(topic, payload).catch((err: unknown) => {
        metrics.deliveryFailures.inc()
        log.warn({ err, topic }, 'delivery failed')
      })
    },
  }

  async function handle(record: DeliveredRecord): Promise<void> {
    let envelope: tidings.v1.ClientEnvelope | undefined
    try {
      try {
        envelope = record.decoded ?? decodeClientEnvelope(record.payload)
      } catch (err) {
        throw new TidingsError(ErrorCode.MALFORMED_PAYLOAD, `not a ClientEnvelope: ${String(err)}`)
      }
      switch (envelope.event) {
        case 'send':
          await handleSend(ctx, record, envelope.send!)
          break
        case 'sync':
          await handleSync(ctx, record, envelope.sync!)
          break
        case 'receipt':
          await handleReceipt(ctx, record, envelope.receipt!)
          break
        default:
          throw new TidingsError(
            ErrorCode.UNSUPPORTED_EVENT,
            `event ${envelope.event ?? '(none)'} is not supported`,
          )
      }
      metrics.handled.inc({ event: envelope.event, outcome: 'ok' })
    } catch (err) {
      const event = envelope?.event ?? 'none'
      if (!isTidingsError(err)) {
        metrics.handled.inc({ event, outcome: 'failed' }) // the log hands it out again
        throw err
      }
      metrics.handled.inc({ event, outcome: 'refused' })
      metrics.errors.inc({ code: err.code })
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
