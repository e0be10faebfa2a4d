export type { InboundLog, InboundRecord, InboundHandler } from './inbound-log.ts'
export { DirectInboundLog } from './direct-inbound-log.ts'
