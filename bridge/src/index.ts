export { createBridge, type Bridge, type BridgeDeps, type BridgeOptions } from './app.ts'
export type { DeliveryBus } from './delivery-bus.ts'
export * from './inbound/index.ts'
export * from './store/index.ts'
