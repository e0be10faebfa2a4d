import { Counter, Registry } from 'prom-client'
import { LatencyHistogram } from './latency-histogram.ts'

/** What a bridge counts; registered on the process's registry (served at /metrics). */
export class BridgeMetrics {
  /** Requests handled, by event kind and outcome (ok, refused with an error event, failed and retried). */
  readonly handled: Counter<'event' | 'outcome'>
  /** Refusals by error code. */
  readonly errors: Counter<'code'>
  /** New messages in the chat log (retries not counted). */
  readonly stored: Counter
  readonly duplicates: Counter
  /** MessageStore.append, from call to durable. */
  readonly appendSeconds: LatencyHistogram
  /** Broker receive to stored: the server's share of end-to-end latency. */
  readonly ingestSeconds: LatencyHistogram
  readonly deliveryFailures: Counter

  constructor(registry: Registry = new Registry()) {
    const registers = [registry]
    this.handled = new Counter({
      name: 'tidings_bridge_requests_total',
      help: 'Inbound-log records handled, by event and outcome',
      labelNames: ['event', 'outcome'],
      registers,
    })
    this.errors = new Counter({
      name: 'tidings_bridge_errors_total',
      help: 'Requests refused with an error event, by error code',
      labelNames: ['code'],
      registers,
    })
    this.stored = new Counter({ name: 'tidings_messages_stored_total', help: 'Messages appended', registers })
    this.duplicates = new Counter({
      name: 'tidings_messages_duplicate_total',
      help: 'Sends that were already stored (retries, redeliveries)',
      registers,
    })
    this.appendSeconds = new LatencyHistogram({
      name: 'tidings_store_append_seconds',
      help: 'MessageStore.append latency',
      registers,
    })
    this.ingestSeconds = new LatencyHistogram({
      name: 'tidings_ingest_latency_seconds',
      help: 'From the broker receiving a send to the message being stored',
      registers,
    })
    this.deliveryFailures = new Counter({
      name: 'tidings_bridge_delivery_failures_total',
      help: 'Publishes into the broker cluster that failed (clients repair from history)',
      registers,
    })
  }
}
