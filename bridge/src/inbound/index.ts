export type { InboundLog, InboundRecord, InboundHandler, DeliveredRecord } from './inbound-log.ts'
export { DirectInboundLog } from './direct-inbound-log.ts'
export { RedisInboundLog, type RedisInboundLogOptions, type PartitionBacklog } from './redis-inbound-log.ts'
