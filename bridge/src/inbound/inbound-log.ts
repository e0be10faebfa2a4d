import type { tidings } from '@tidings/proto'
import type { Fence } from '../sequence/sequence-allocator.ts'

/** One client request as the broker received it, before the bridge has looked at it. */
export interface InboundRecord {
  userId: string
  deviceId: string
  /** Records with the same key are handled in append order: the chat id for sends, else the user id. */
  key: string
  /** Broker receive time, ms since the epoch. */
  receivedAt: number
  /** The ClientEnvelope bytes exactly as published (already decoded once by the broker). */
  payload: Uint8Array
  /** The broker's decoding of payload. Only an in-process log passes it on (and spares a decode). */
  decoded?: tidings.v1.ClientEnvelope
}

/** A record as a consumer gets it. */
export interface DeliveredRecord extends InboundRecord {
  /** Handed out before (the handler failed, or its consumer died): it may have been stored already. */
  redelivered: boolean
  /** Ownership of the record's partition; stores refuse to write under a stale fence. */
  fence?: Fence
}

export type InboundHandler = (record: DeliveredRecord) => Promise<void>

/**
 * The durable hand-off between brokers and bridges. Invariants (testing/inbound-log.contract.ts):
 * - when append() resolves, the record survives a crash of the appending process, and the
 *   broker may PUBACK;
 * - every appended record reaches a consumer's handler at least once; a record is done when
 *   its handler resolves, and a handler that rejects gets the record again;
 * - the handler is called for records of one key in the order they were appended;
 * - one consumer at a time handles a given key (partition ownership), and a record whose
 *   consumer died is handed to another one, marked redelivered.
 */
export interface InboundLog {
  append(record: InboundRecord): Promise<void>
  /** Registers the one handler of this process; records flow until close(). */
  consume(handler: InboundHandler): Promise<void>
  close(): Promise<void>
}
