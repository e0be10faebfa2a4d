export type * from './message-store.ts'
export type * from './chat-store.ts'
export { SqliteStore, type SqliteStoreOptions } from './sqlite-store.ts'
