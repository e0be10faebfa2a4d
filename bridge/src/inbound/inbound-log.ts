/** One client request as the broker received it, before the bridge has looked at it. */
export interface InboundRecord {
  userId: string
  deviceId: string
  /** Broker receive time, ms since the epoch. */
  receivedAt: number
  /** The ClientEnvelope bytes exactly as published (already decoded once by the broker). */
  payload: Uint8Array
}

export type InboundHandler = (record: InboundRecord) => Promise<void>

/**
 * The durable hand-off between brokers and bridges. Invariants (testing/inbound-log.contract.ts):
 * - when append() resolves, the record survives a crash of the appending process, and the
 *   broker may PUBACK;
 * - every appended record reaches a consumer's handler at least once; a record is done when
 *   its handler resolves;
 * - records of one user appended in order are handled in that order.
 */
export interface InboundLog {
  append(record: InboundRecord): Promise<void>
  /** Registers the one handler of this process; records flow until close(). */
  consume(handler: InboundHandler): Promise<void>
  close(): Promise<void>
}
