export type ChatKind = 'direct' | 'group'
export type MemberRole = 'admin' | 'member'

export interface Chat {
  id: string
  kind: ChatKind
  title: string
  createdBy: string
  createdAt: number
  /** Highest seq assigned in this chat (0 when empty). */
  lastSeq: number
}

export interface Member {
  userId: string
  role: MemberRole
  joinedAt: number
}

/** A chat as one member sees it in the chat list. */
export interface ChatSummary extends Chat {
  role: MemberRole
  readSeq: number
  deliveredSeq: number
}

export type WatermarkKind = 'delivered' | 'read'

/** A member's receipt watermarks: everything up to these seqs is delivered to / read by them. */
export interface Watermarks {
  userId: string
  deliveredSeq: number
  readSeq: number
}

/** Per-user settings that other users' views depend on. */
export interface UserSettings {
  /** Others see whether the user is online, but not when they were last seen. */
  hideLastSeen: boolean
}

export const DEFAULT_USER_SETTINGS: UserSettings = { hideLastSeen: false }

export interface CreateGroupInput {
  title: string
  createdBy: string
  /** Other initial members; the creator is added as admin. */
  memberIds: string[]
}

/**
 * Chats and memberships. Invariants (see testing/chat-store.contract.ts):
 * - a direct chat between two users is unique: creating it again returns the same chat;
 * - memberIds() reflects every add/remove as soon as the call resolves;
 * - a removed member is no longer listed, and chatsOf() no longer returns the chat for them;
 * - watermarks only move forward and never past the chat's last seq; chatsOf() shows them;
 * - renames, role changes and settings are visible to the next read.
 */
export interface ChatStore {
  createDirect(userA: string, userB: string): Promise<{ chat: Chat; created: boolean }>
  createGroup(input: CreateGroupInput): Promise<Chat>
  getChat(chatId: string): Promise<Chat | undefined>
  /** Sets a group's title. Rejects UNKNOWN_CHAT. */
  renameChat(chatId: string, title: string): Promise<Chat>
  /** Resolves false when the user is not a member. */
  setRole(chatId: string, userId: string, role: MemberRole): Promise<boolean>
  /** Resolves false when the user already was a member. */
  addMember(chatId: string, userId: string, role?: MemberRole): Promise<boolean>
  /** Resolves false when the user was not a member. */
  removeMember(chatId: string, userId: string): Promise<boolean>
  members(chatId: string): Promise<Member[]>
  memberIds(chatId: string): Promise<readonly string[]>
  isMember(chatId: string, userId: string): Promise<boolean>
  chatsOf(userId: string): Promise<ChatSummary[]>
  /**
   * Raises a member's watermark to `upToSeq`, capped at the chat's last seq; it never goes down,
   * and read also raises delivered. Resolves with the member's watermarks after the call and
   * whether the asked one moved. Rejects UNKNOWN_CHAT / NOT_A_MEMBER.
   */
  raiseWatermark(
    chatId: string,
    userId: string,
    kind: WatermarkKind,
    upToSeq: number,
  ): Promise<{ watermarks: Watermarks; moved: boolean }>
  /** The watermarks of every current member. */
  watermarks(chatId: string): Promise<Watermarks[]>
  /** A user's settings (defaults until changed). */
  userSettings(userId: string): Promise<UserSettings>
  updateUserSettings(userId: string, change: Partial<UserSettings>): Promise<UserSettings>
  close(): Promise<void>
}
