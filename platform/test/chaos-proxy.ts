import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import mqttPacket, { type Packet } from 'mqtt-packet'

/** mulberry32: a tiny seeded PRNG, so a failing cut schedule can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A seed from `name` in the environment, or a fresh one; printed so a failing run can be repeated. */
export function seedFromEnv(name: string): number {
  const fromEnv = process.env[name]
  const seed = fromEnv ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31)
  console.log(`${name}=${seed}${fromEnv ? ' (from the environment)' : ''}`)
  return seed
}

export interface ChaosProxyOptions {
  /** Where connections go: a broker's MQTT TCP port. */
  target: { host: string; port: number }
  /** The cut schedule's randomness; seed it (seededRandom) to make a run repeatable. */
  random?: () => number
  /**
   * Sees every MQTT packet from the server to the client; returning false drops it. Only when
   * set is the server's byte stream parsed and re-encoded (otherwise bytes pass through untouched).
   */
  fromServer?: (packet: Packet) => boolean
  /** The URL clients would use without the proxy (its scheme and path are kept in `url`). */
  url?: string
}

interface Pair {
  client: Socket
  server?: Socket
}

/**
 * A TCP proxy in front of a broker (MQTT over TCP or WebSocket), for tests of a network that
 * misbehaves: it can cut every connection at once (both sides destroyed, as a dropped mobile
 * link looks to each end), keep doing so at random intervals, refuse or black-hole new
 * connections, lose everything the server sends (deafen), and heal.
 */
export class ChaosProxy {
  readonly stats = { accepted: 0, cuts: 0, dropped: 0 }
  private readonly pairs = new Set<Pair>()
  private mode: 'open' | 'refuse' | 'blackhole' = 'open'
  /** The server's bytes are dropped: requests arrive, answers (acks) are lost. */
  private deaf = false
  private chaosTimer: ReturnType<typeof setTimeout> | undefined
  private readonly random: () => number

  private constructor(
    private readonly server: Server,
    private readonly options: ChaosProxyOptions,
  ) {
    this.random = options.random ?? Math.random
  }

  static async start(options: ChaosProxyOptions): Promise<ChaosProxy> {
    const server = createServer({ noDelay: true })
    const proxy = new ChaosProxy(server, options)
    server.on('connection', (socket) => proxy.accept(socket))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return proxy
  }

  /** Proxies a `mqtt://host:port` or `ws://host:port/path` URL. */
  static forUrl(url: string, options: Omit<ChaosProxyOptions, 'target' | 'url'> = {}): Promise<ChaosProxy> {
    const { hostname, port } = new URL(url)
    return ChaosProxy.start({ ...options, url, target: { host: hostname, port: Number(port) } })
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port
  }

  /** The target URL with the proxy's host and port. */
  get url(): string {
    const target = new URL(this.options.url ?? 'mqtt://x')
    const path = target.pathname === '/' ? '' : target.pathname
    return `${target.protocol}//127.0.0.1:${this.port}${path}`
  }

  get connections(): number {
    return this.pairs.size
  }

  /** Destroys both sides of every open connection; returns how many were cut. */
  cutAll(): number {
    const n = this.pairs.size
    for (const pair of [...this.pairs]) this.drop(pair)
    this.stats.cuts += n
    return n
  }

  /** Cuts every connection again and again, at random intervals in [minMs, maxMs), until heal(). */
  chaos({ minMs, maxMs }: { minMs: number; maxMs: number }): void {
    clearTimeout(this.chaosTimer)
    const next = () => {
      this.chaosTimer = setTimeout(
        () => {
          this.cutAll()
          next()
        },
        minMs + this.random() * (maxMs - minMs),
      )
    }
    next()
  }

  /**
   * The network goes away: open connections are cut and new ones are either refused (closed at
   * once, as a down interface looks) or black-holed (accepted, never answered, as a dead route looks).
   */
  pause(mode: 'refuse' | 'blackhole' = 'refuse'): void {
    clearTimeout(this.chaosTimer)
    this.mode = mode
    this.cutAll()
  }

  /**
   * Stops the chaos and accepts connections again. Black-holed connections are closed so clients
   * retry, unless `keepBlackholed` (they then hang until the client gives up on them).
   */
  heal({ keepBlackholed = false } = {}): void {
    clearTimeout(this.chaosTimer)
    this.chaosTimer = undefined
    if (this.mode === 'blackhole' && !keepBlackholed)
      for (const pair of [...this.pairs]) if (!pair.server) this.drop(pair)
    this.mode = 'open'
    this.deaf = false
  }

  /** Requests still reach the server, but nothing it sends comes back (a lost ack). heal() ends it. */
  deafen(): void {
    this.deaf = true
  }

  async close(): Promise<void> {
    clearTimeout(this.chaosTimer)
    for (const pair of [...this.pairs]) this.drop(pair)
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private accept(client: Socket): void {
    this.stats.accepted++
    client.on('error', () => {})
    if (this.mode === 'refuse') return void client.destroy()
    const pair: Pair = { client }
    this.pairs.add(pair)
    client.once('close', () => this.drop(pair))
    if (this.mode === 'blackhole') return void client.resume() // read and discard, answer nothing
    const server = connect({ ...this.options.target, noDelay: true })
    pair.server = server
    server.on('error', () => {})
    server.once('close', () => this.drop(pair))
    client.pipe(server)
    const filter = this.options.fromServer
    if (!filter) {
      server.on('data', (chunk: Buffer) => (this.deaf ? this.stats.dropped++ : client.write(chunk)))
      return
    }
    const parser = mqttPacket.parser({ protocolVersion: 4 })
    parser.on('packet', (packet) => {
      if (!this.deaf && filter(packet)) client.write(mqttPacket.generate(packet, { protocolVersion: 4 }))
      else this.stats.dropped++
    })
    parser.on('error', () => this.drop(pair))
    server.on('data', (chunk: Buffer) => parser.parse(chunk))
  }

  private drop(pair: Pair): void {
    if (!this.pairs.delete(pair)) return
    pair.client.destroy()
    pair.server?.destroy()
  }
}
