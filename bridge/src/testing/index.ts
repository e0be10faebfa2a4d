export { messageStoreContract } from './message-store.contract.ts'
export { chatStoreContract } from './chat-store.contract.ts'
export { sequenceAllocatorContract, type AllocatorUnderTest } from './sequence-allocator.contract.ts'
export type { StoreContractOptions, StoresUnderTest, Skip } from './stores.ts'
export {
  startCassandra,
  startRedis,
  freePorts,
  type RunningServer,
  type ServerAddress,
} from '../local-servers.ts'
export { inboundLogContract, type InboundLogUnderTest } from './inbound-log.contract.ts'
export { deliveryBusContract, type BusUnderTest } from './delivery-bus.contract.ts'
