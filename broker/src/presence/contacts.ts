import type { BrokerChats } from '../broker-chats.ts'

const CACHE_MS = 10_000
const MAX_USERS = 50_000

/**
 * Who may see whose presence: users who share a chat. Computed from the viewer's chats and
 * cached briefly per viewer (a presence query or subscription per screen must not cost a
 * chat-list read each time); a new chat shows up within CACHE_MS.
 */
export class Contacts {
  private readonly cache = new Map<string, { at: number; contacts: Promise<Set<string>> }>()

  constructor(private readonly chats: BrokerChats) {}

  async visible(viewer: string, userIds: readonly string[]): Promise<string[]> {
    const contacts = await this.of(viewer)
    return userIds.filter((id) => id === viewer || contacts.has(id))
  }

  private of(viewer: string): Promise<Set<string>> {
    const now = Date.now()
    const cached = this.cache.get(viewer)
    if (cached && now - cached.at < CACHE_MS) return cached.contacts
    const contacts = this.load(viewer)
    this.cache.delete(viewer)
    this.cache.set(viewer, { at: now, contacts })
    if (this.cache.size > MAX_USERS) this.cache.delete(this.cache.keys().next().value!)
    contacts.catch(() => this.cache.delete(viewer))
    return contacts
  }

  private async load(viewer: string): Promise<Set<string>> {
    const chats = await this.chats.chatsOf(viewer)
    const rosters = await Promise.all(chats.map((c) => this.chats.memberIds(c.id)))
    return new Set(rosters.flat())
  }
}
