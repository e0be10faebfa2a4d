import type { ChatStore } from '@tidings/bridge/store'

/** What a broker reads about chats and users: membership for typing, co-membership and privacy for presence. */
export type BrokerChats = Pick<ChatStore, 'getChat' | 'isMember' | 'chatsOf' | 'memberIds' | 'userSettings'>
