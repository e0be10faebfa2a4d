import type { Aedes, AedesPublishPacket, Client } from 'aedes'
import type { LatencyHistogram } from '@tidings/bridge/latency-histogram'
import { peekMessageSentAt } from '@tidings/proto'

/** Deliveries awaiting their PUBACK that one connection may hold in the table (a client that never acks). */
const MAX_TRACKED_PER_CLIENT = 1024

// Aedes internals read here (aedes 1.2.0, lib/client.js and lib/qos-packet.js), untyped.
interface ClientInternals {
  /** The packet identifier Aedes gives the next QoS1 delivery without one. */
  _nextId: number
  subscriptions: Record<string, { qos: number } | undefined>
}

/**
 * tidings_delivery_latency_seconds: from a chat message's `sent_at` (stamped by the broker that
 * received the send) to the PUBACK of a recipient device for its live delivery.
 *
 * Aedes' `ack` event cannot say which delivery a PUBACK acknowledges on a clean session (it
 * passes the stored packet, and clean sessions store none), so the broker keys deliveries by
 * packet identifier itself: `forwarded` (in authorizeForward) gives each chat-message delivery
 * its identifier the way Aedes would and notes (client, identifier) -> sent_at; `acked` (from
 * the PUBACK, see tapPubacks) observes and forgets it. Only deliveries in flight are held, in a
 * table per connection created on its first delivery and dropped when it empties, so an idle
 * connection costs nothing.
 */
export class DeliveryLatency {
  private readonly inFlight = new WeakMap<Client, Map<number, number>>()

  constructor(private readonly histogram: Pick<LatencyHistogram, 'observe'>) {}

  /** A packet about to be delivered to `client`: the same one, or a copy carrying its packet identifier. */
  forwarded(client: Client, packet: AedesPublishPacket): AedesPublishPacket {
    // An identifier already set marks a stored packet sent again, not a fresh delivery (its time
    // could include time offline). Aedes replays a persistent session's queue without calling
    // authorizeForward at all, so today this is a safeguard.
    if (packet.qos !== 1 || packet.messageId || typeof packet.payload === 'string') return packet
    const internals = client as unknown as ClientInternals
    // A QoS 0 subscription gets it at QoS 0: no identifier, no PUBACK.
    const granted = internals.subscriptions[packet.topic]
    if (granted && granted.qos < 1) return packet
    const sentAt = peekMessageSentAt(packet.payload)
    if (!sentAt) return packet
    let table = this.inFlight.get(client)
    if (!table) this.inFlight.set(client, (table = new Map()))
    else if (table.size >= MAX_TRACKED_PER_CLIENT) return packet
    // The next identifier, taken as Aedes' QoSPacket would take it; Aedes keeps the one it is given.
    const messageId = internals._nextId
    internals._nextId = messageId >= 65535 ? 1 : messageId + 1
    table.set(messageId, sentAt)
    // One packet object goes to every subscriber, so the identifier goes on a copy: of the
    // fields Aedes' Packet copies for MQTT 3.1.1 (a spread costs ~1 µs here, this ~30 ns).
    const { cmd, brokerId, brokerCounter, topic, payload, qos, retain, dup } = packet
    return { cmd, brokerId, brokerCounter, topic, payload, qos, retain, dup, messageId }
  }

  /** `client` PUBACKed `messageId`. */
  acked(client: Client, messageId: number): void {
    const table = this.inFlight.get(client)
    const sentAt = table?.get(messageId)
    if (sentAt === undefined) return
    table!.delete(messageId)
    if (table!.size === 0) this.inFlight.delete(client)
    // sent_at has millisecond resolution; a clock that stepped back must not give a negative time.
    this.histogram.observe(Math.max(0, Date.now() - sentAt) / 1000)
  }

  /** The connection closed: its unacknowledged deliveries will never be acknowledged. */
  forget(client: Client): void {
    this.inFlight.delete(client)
  }
}

/**
 * Calls `onPuback(client, messageId)` for every PUBACK a device sends. Aedes hands each PUBACK
 * to `persistence.outgoingClearMessageId(client, packet)` before emitting `ack` (lib/handlers/
 * puback.js); its `ack` event drops the identifier, so the call is wrapped instead.
 */
export function tapPubacks(aedes: Aedes, onPuback: (client: Client, messageId: number) => void): void {
  type Clear = (client: Client, packet: { cmd: string; messageId?: number }) => Promise<unknown>
  const persistence = (aedes as unknown as { persistence: unknown }).persistence as {
    outgoingClearMessageId: Clear
  }
  const clear = persistence.outgoingClearMessageId.bind(persistence)
  persistence.outgoingClearMessageId = (client, packet) => {
    if (packet.cmd === 'puback' && packet.messageId) onPuback(client, packet.messageId)
    return clear(client, packet)
  }
}
