import { Counter, Gauge, Registry } from 'prom-client'
import { LatencyHistogram } from '@tidings/bridge/latency-histogram'

/** What a broker counts; registered on the process's registry (served at /metrics). */
export class BrokerMetrics {
  /** Requests handed to the inbound log, by event kind. */
  readonly accepted: Counter<'event'>
  /** Requests answered with an error event, by error code. */
  readonly refused: Counter<'code'>
  /** CONNECTs refused, by CONNACK return code. */
  readonly connectsRefused: Counter<'returnCode'>
  /** Packets handed to devices ("messages out"), by topic kind; bound children, counted per delivery. */
  readonly delivered: { inbox: Counter.Internal; typing: Counter.Internal; presence: Counter.Internal }
  /** Message.sent_at to a device's PUBACK of its delivery, per device delivery (see DeliveryLatency). */
  readonly deliveryLatency: LatencyHistogram

  constructor(registry: Registry = new Registry(), connections: () => number = () => 0) {
    const registers = [registry]
    new Gauge({
      name: 'tidings_broker_connections',
      help: 'MQTT connections open on this broker',
      registers,
      collect() {
        this.set(connections())
      },
    })
    this.accepted = new Counter({
      name: 'tidings_broker_requests_accepted_total',
      help: 'Client requests durably handed to the inbound log (then PUBACKed)',
      labelNames: ['event'],
      registers,
    })
    this.refused = new Counter({
      name: 'tidings_broker_requests_refused_total',
      help: 'Client requests answered with an error event, by error code',
      labelNames: ['code'],
      registers,
    })
    const delivered = new Counter({
      name: 'tidings_broker_deliveries_total',
      help: 'Packets forwarded to devices (messages out), by topic kind: inbox (u/…), typing (t/…), presence (p/…)',
      labelNames: ['topic'],
      registers,
    })
    this.delivered = {
      inbox: delivered.labels('inbox'),
      typing: delivered.labels('typing'),
      presence: delivered.labels('presence'),
    }
    this.deliveryLatency = new LatencyHistogram({
      name: 'tidings_delivery_latency_seconds',
      help:
        'End to end, per device delivery of a chat message: from its sent_at (stamped by the broker that received the send, ' +
        'before the durable hand-off) to the PUBACK of the recipient device on this broker. Millisecond resolution; ' +
        'across hosts it assumes synced clocks',
      registers,
    })
    this.connectsRefused = new Counter({
      name: 'tidings_broker_connects_refused_total',
      help: 'CONNECTs refused, by CONNACK return code',
      labelNames: ['returnCode'],
      registers,
    })
  }
}
