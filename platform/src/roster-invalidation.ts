import type { Redis } from 'ioredis'

/** What invalidation needs of a store (CqlStore). */
export interface RosterCache {
  invalidate(chatId: string): void
  invalidateAll(): void
}

/**
 * Keeps a store's cached rosters honest across processes: every chat id published on `channel`
 * (by the process that changed the chat) drops that chat's roster. Pub/sub loses what is
 * published while the subscription is down, so after every reconnect, once the subscription
 * is back, all cached rosters go. That is what lets a store trust its rosters for long
 * (TIDINGS_ROSTER_CACHE_MS) instead of re-reading them every second.
 */
export async function watchRosterChanges(
  subscriber: Redis,
  channel: string,
  store: RosterCache,
  onChatChanged: (chatId: string) => void = () => {},
): Promise<void> {
  subscriber.on('message', (from: string, chatId: string) => {
    if (from !== channel) return
    store.invalidate(chatId)
    onChatChanged(chatId)
  })
  await subscriber.subscribe(channel)
  let resubscribing = false
  subscriber.on('ready', () => {
    if (resubscribing) return
    resubscribing = true
    // ioredis resubscribes by itself; subscribing again is harmless and tells when it is active.
    subscriber.subscribe(channel).then(
      () => {
        resubscribing = false
        store.invalidateAll()
      },
      () => (resubscribing = false), // the next 'ready' tries again
    )
  })
}
