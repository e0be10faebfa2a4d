/**
 * Something the pairs scenario can drive: each pair is one sending and one receiving client.
 * Bodies are opaque to targets: they carry the pair, a counter and the send time.
 */
export interface Target {
  name: string
  connectPair(index: number, events: PairEvents): Promise<Pair>
  close(): Promise<void>
  /** The server processes behind the target, for CPU per message (the load generator's is read apart). */
  serverPids?: () => number[]
}

export interface PairEvents {
  /** The receiver got a body. */
  delivered(body: Uint8Array): void
  /** The server confirmed the message is stored (Tidings: the ack event; a relay: its PUBACK). */
  persisted(): void
}

export interface Pair {
  send(body: Uint8Array): void
  close(): Promise<void>
}
