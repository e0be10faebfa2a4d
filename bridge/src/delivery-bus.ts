/**
 * Publishes server envelopes into the broker cluster, to user and device inbox topics.
 * Best effort by design (DESIGN: live MQTT delivery is a fast path); clients repair gaps
 * from the store. Resolves when the brokers have taken the packet, not when a device has it.
 */
export interface DeliveryBus {
  publish(topic: string, payload: Uint8Array): Promise<void>
  close(): Promise<void>
}
