import type { Aedes, Client } from 'aedes'

/**
 * aedes#955: Aedes drops a live QoS1 delivery when its per-client dedupe counter
 * (brokerId -> highest brokerCounter seen) sees packets out of counter order, which async
 * persistence and fan-out cause. Tidings dedupes by (chat, seq) in the SDK, so the counter
 * is disabled: every read says "never seen", every write is ignored.
 */
const NO_DEDUPE: Record<string, number> = new Proxy(Object.create(null), {
  get: () => 0,
  set: () => true,
  deleteProperty: () => true,
})

export function disableClientDedupe(client: Client): void {
  ;(client as unknown as { duplicates: Record<string, number> }).duplicates = NO_DEDUPE
}

/**
 * MQTT 3.1.1 has no maximum packet size, and mqtt-packet buffers a whole packet before Aedes
 * sees it. Cap the declared remaining length of each packet on this connection: a larger
 * packet is a protocol error and closes the connection before its body is read.
 */
export function limitPacketSize(client: Client, maxBytes: number): void {
  const parser = (client as unknown as { _parser: ParserInternals })._parser
  // One shared function and a field, not a closure per connection (about 400 bytes each).
  parser.maxPacketBytes = maxBytes
  parser._parseLength = limitedParseLength
}

function limitedParseLength(this: ParserInternals): boolean {
  const done = (Object.getPrototypeOf(this) as ParserInternals)._parseLength.call(this)
  if (done && this.packet.length > this.maxPacketBytes) {
    return this._emitError(
      new Error(`packet of ${this.packet.length} bytes exceeds the ${this.maxPacketBytes} byte limit`),
    )
  }
  return done
}

interface ParserInternals {
  packet: { length: number }
  maxPacketBytes: number
  _parseLength(this: ParserInternals): boolean
  _emitError(err: Error): boolean
}

/**
 * Client publishes are requests to Tidings, consumed in authorizePublish; they are never
 * routed to subscribers (nobody may subscribe to an outbound topic anyway). Skipping the
 * route saves an emitter round, and in a cluster a Redis PUBLISH per inbound message.
 */
export function skipRoutingOfClientPublishes(broker: Aedes): void {
  type Done = (err?: Error) => void
  const publish = broker.publish.bind(broker) as (packet: unknown, client?: unknown, done?: Done) => void
  const replacement = (packet: unknown, clientOrDone?: unknown, done?: Done): void => {
    const fromClient = typeof clientOrDone === 'object' && clientOrDone !== null && 'conn' in clientOrDone
    if (fromClient) return done?.()
    publish(packet, clientOrDone, done)
  }
  ;(broker as unknown as { publish: typeof replacement }).publish = replacement
}
