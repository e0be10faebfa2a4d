import { ErrorCode, TidingsError } from '@tidings/proto'
import type { InboundHandler, InboundLog, InboundRecord } from './inbound-log.ts'

/**
 * Embedded mode: no log in between. append() runs the bridge's handler in-process and resolves
 * when it has finished, and the handler stores before it resolves: the embedded store's
 * commit is the durable hand-off.
 */
export class DirectInboundLog implements InboundLog {
  private handler: InboundHandler | undefined

  async append(record: InboundRecord): Promise<void> {
    if (!this.handler) throw new TidingsError(ErrorCode.UNAVAILABLE, 'no bridge is consuming the inbound log')
    await this.handler({ ...record, redelivered: false })
  }

  async consume(handler: InboundHandler): Promise<void> {
    this.handler = handler
  }

  async close(): Promise<void> {
    this.handler = undefined
  }
}
