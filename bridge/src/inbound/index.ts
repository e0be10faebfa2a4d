export type { InboundLog, InboundRecord, InboundHandler, DeliveredRecord } from './inbound-log.ts'
export { DirectInboundLog } from './direct-inbound-log.ts'
export { RedisInboundLog, type RedisInboundLogOptions } from './redis-inbound-log.ts'
