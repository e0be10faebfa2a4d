/**
 * Proof that the caller still owns the inbound-log partition it works for: the allocator
 * refuses to hand out seqs unless `key` still holds `token` (see RedisInboundLog leases).
 */
export interface Fence {
  key: string
  token: string
}

export interface AllocateRequest {
  chatId: string
  /** One entry per message, in the order the seqs should follow; hex or any stable string. */
  clientMsgIds: string[]
  fence?: Fence
}

export interface Allocation {
  seq: number
  /** This client id was given this seq before (a retry or a redelivery), within the retention window. */
  known: boolean
}

/** Highest seq the chat log holds for a chat; consulted only when the allocator has no state for it. */
export type HighWaterMark = (chatId: string) => Promise<number>

/**
 * Hands out per-chat seqs for a store whose log cannot assign them in its own transaction
 * (Cassandra/ScyllaDB without LWT). Invariants (testing/sequence-allocator.contract.ts):
 * - seqs of one chat strictly increase in the order requests are made, starting above the
 *   store's high-water mark, and are never handed out twice, even after the allocator lost
 *   its state (it reseeds from the high-water mark and from what this process handed out);
 * - the same (chatId, clientMsgId) gets the same seq again while it is retained, so a record
 *   processed twice (a takeover, a paused owner) is written twice identically, not twice apart;
 * - a request with a stale fence rejects with FencedError and allocates nothing.
 */
export interface SequenceAllocator {
  allocate(request: AllocateRequest, highWaterMark: HighWaterMark): Promise<Allocation[]>
  close(): Promise<void>
}

export class FencedError extends Error {
  constructor(fence: Fence) {
    super(`fenced: ${fence.key} is no longer held by ${fence.token}`)
    this.name = 'FencedError'
  }
}
