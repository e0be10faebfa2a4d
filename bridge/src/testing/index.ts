export { messageStoreContract } from './message-store.contract.ts'
export { chatStoreContract } from './chat-store.contract.ts'
export type { StoreContractOptions, StoresUnderTest, Skip } from './stores.ts'
