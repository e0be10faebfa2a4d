import type { PresenceState, PresenceStore, WentOffline } from './presence-store.ts'

interface UserPresence {
  /** connection id -> expiry (ms since the epoch) */
  connections: Map<string, number>
  lastSeenAt: number
  announcedOnline: boolean
  /** Since when the user has had no live connection; undefined while one is live. */
  offlineSince?: number
}

/** One process's presence (embedded mode). Same semantics as RedisPresenceStore. */
export class MemoryPresenceStore implements PresenceStore {
  private readonly users = new Map<string, UserPresence>()

  async heartbeat(userId: string, connectionId: string, ttlMs: number, now: number): Promise<boolean> {
    let user = this.users.get(userId)
    if (!user)
      this.users.set(userId, (user = { connections: new Map(), lastSeenAt: 0, announcedOnline: false }))
    user.connections.set(connectionId, now + ttlMs)
    user.lastSeenAt = now
    settle(user, now)
    if (user.announcedOnline) return false
    user.announcedOnline = true
    return true
  }

  async disconnect(userId: string, connectionId: string, now: number): Promise<void> {
    const user = this.users.get(userId)
    if (!user?.connections.delete(connectionId)) return
    user.lastSeenAt = now
    settle(user, now)
  }

  async sweep(now: number, graceMs: number): Promise<WentOffline[]> {
    const gone: WentOffline[] = []
    for (const [userId, user] of this.users) {
      settle(user, now)
      if (!user.announcedOnline || user.offlineSince === undefined || user.offlineSince > now - graceMs)
        continue
      user.announcedOnline = false
      gone.push({ userId, lastSeenAt: user.lastSeenAt })
    }
    return gone
  }

  async lookup(userIds: readonly string[], now: number): Promise<PresenceState[]> {
    return userIds.map((userId) => {
      const user = this.users.get(userId)
      if (!user) return { userId, online: false, lastSeenAt: 0 }
      settle(user, now)
      return { userId, online: user.connections.size > 0, lastSeenAt: user.lastSeenAt }
    })
  }

  async close(): Promise<void> {}
}

/** Drops expired connections and notes since when the user has had none. */
function settle(user: UserPresence, now: number): void {
  let expired = 0
  for (const [id, expiresAt] of user.connections) {
    if (expiresAt > now) continue
    user.connections.delete(id)
    expired = Math.max(expired, expiresAt)
  }
  if (user.connections.size > 0) user.offlineSince = undefined
  else user.offlineSince ??= expired || user.lastSeenAt
}
