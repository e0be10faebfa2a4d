import { createServer, connect, type Server, type Socket } from 'node:net'

/**
 * A TCP proxy whose link can be cut and restored, to take one client offline without touching
 * the client: `cut()` drops every open connection and refuses new ones (accept, then close at
 * once, as a dead network path looks to a reconnecting client); `restore()` lets them through.
 */
export class CuttableProxy {
  /** Connections refused while cut (the client's reconnect attempts). */
  refused = 0
  /** When the first bytes came back from the server on a connection opened after `restore()`. */
  firstReplyAfterRestore: number | undefined
  private isCut = false
  private restoredAt = 0
  private readonly open = new Set<Socket>()

  private readonly server: Server
  private constructor(private readonly target: URL) {
    this.server = createServer({ noDelay: true }, (client) => this.accept(client))
  }

  /** The proxy's address: the target's URL with this proxy's host and port. */
  get url(): string {
    const { port } = this.server.address() as { port: number }
    const url = new URL(this.target)
    url.hostname = '127.0.0.1'
    url.port = String(port)
    return url.toString().replace(/\/$/, '')
  }

  /** Listens on a free port of 127.0.0.1 and forwards to `target` (`scheme://host:port[/path]`). */
  static async start(target: string): Promise<CuttableProxy> {
    const proxy = new CuttableProxy(new URL(target))
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve))
    return proxy
  }

  cut(): void {
    this.isCut = true
    this.refused = 0
    for (const socket of this.open) socket.destroy()
    this.open.clear()
  }

  restore(): void {
    this.isCut = false
    this.restoredAt = performance.now()
    this.firstReplyAfterRestore = undefined
  }

  async close(): Promise<void> {
    for (const socket of this.open) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private accept(client: Socket): void {
    if (this.isCut) {
      this.refused++
      client.destroy()
      return
    }
    const openedAt = performance.now()
    const upstream = connect({ host: this.target.hostname, port: Number(this.target.port), noDelay: true })
    this.open.add(client).add(upstream)
    upstream.once('data', () => {
      if (this.firstReplyAfterRestore === undefined && openedAt >= this.restoredAt)
        this.firstReplyAfterRestore = performance.now()
    })
    client.pipe(upstream).pipe(client)
    const drop = () => {
      client.destroy()
      upstream.destroy()
      this.open.delete(client)
      this.open.delete(upstream)
    }
    client.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', drop)
  }
}
