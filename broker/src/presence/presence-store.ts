/** What others may learn about a user's presence. */
export interface PresenceState {
  userId: string
  online: boolean
  /** ms since the epoch of the last heartbeat or disconnect; 0 when never seen. */
  lastSeenAt: number
}

/** A user whose last connection ended (or expired) and who is now announced offline. */
export interface WentOffline {
  userId: string
  lastSeenAt: number
}

/**
 * Per-connection presence with TTLs, shared by every broker. A connection counts as live until
 * its heartbeat TTL runs out, so a crashed broker (which sends no disconnects) is covered by
 * the TTL. Transitions are debounced: `heartbeat` reports "came online" only for a user who was
 * announced offline, and `sweep` announces offline only after a grace period without any live
 * connection, so a flapping connection produces no events at all.
 * Invariants: see testing/presence-store.contract.ts.
 */
export interface PresenceStore {
  /** The connection is alive for `ttlMs` more. Resolves true when the user just came online. */
  heartbeat(userId: string, connectionId: string, ttlMs: number, now: number): Promise<boolean>
  /** The connection ended cleanly: it stops counting at once. */
  disconnect(userId: string, connectionId: string, now: number): Promise<void>
  /**
   * Users announced online who have had no live connection for at least `graceMs`: marks them
   * offline and returns them, each exactly once across all brokers sweeping concurrently.
   */
  sweep(now: number, graceMs: number): Promise<WentOffline[]>
  lookup(userIds: readonly string[], now: number): Promise<PresenceState[]>
  close(): Promise<void>
}
