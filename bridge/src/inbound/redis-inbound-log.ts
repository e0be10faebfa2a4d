import { asBuffer } from '@tidings/proto'
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { Redis, Result } from 'ioredis'
import { FencedError, type Fence } from '../sequence/sequence-allocator.ts'
import type { DeliveredRecord, InboundHandler, InboundLog, InboundRecord } from './inbound-log.ts'

export interface RedisInboundLogOptions {
  redis: Redis
  /** Key prefix, so several deployments (or tests) can share one Redis. */
  prefix?: string
  /** Streams the log is split into; fixed for the life of a deployment. */
  partitions?: number
  /** Unique per process; shows up as the consumer name in XINFO. */
  consumerId?: string
  /** A partition owner that stops renewing loses it after this long. */
  leaseMs?: number
  blockMs?: number
  /** Records handed to the handler and not yet done, at most (backpressure). */
  maxInFlight?: number
  /**
   * After a read that returned fewer than lingerBelow records, wait this long before the next
   * one, so that it brings a batch: each read, seq script, Cassandra batch and ack costs a turn
   * of every process on the way whatever its size (docs/benchmarks.md, session 5). 0: read again at once.
   */
  lingerMs?: number
  lingerBelow?: number
  retryDelayMs?: number
  onError?: (err: unknown, what: string) => void
}

export interface InboundLogStats {
  ownedPartitions: number[]
  inFlight: number
}

export interface PartitionBacklog {
  partition: number
  /** Entries in the stream (trimmed below the oldest pending one). */
  length: number
  /** Entries not yet read by any bridge (Redis 7 XINFO GROUPS lag; null when Redis cannot tell). */
  lag: number | null
  /** Entries read and not yet done. */
  pending: number
}

const GROUP = 'bridges'
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`

declare module 'ioredis' {
  interface RedisCommander<Context> {
    tidingsRenew(key: string, token: string, ms: number): Result<number, Context>
    tidingsRelease(key: string, token: string): Result<number, Context>
  }
}

/** ioredis has these Buffer-reply variants at run time but not in its types (`call` breaks under auto-pipelining). */
interface BufferCommands {
  xreadgroupBuffer(...args: (string | number)[]): Promise<unknown>
}

interface Partition {
  index: number
  stream: string
  fence: Fence
  /** Taken-over records are being handed out; new ones wait. */
  ready: boolean
  releasing: boolean
  inFlight: Set<string>
  /** Handled, and the ack not yet confirmed: a pass over stranded records must not hand these out again. */
  acking: Set<string>
  lastReadId: string
}

/** FNV-1a: a stable partition for a key, the same in every broker. */
export function partitionOf(key: string, partitions: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return (h >>> 0) % partitions
}

/** Stream ids `<ms>-<n>` in order (called per record: no arrays). */
const compareIds = (a: string, b: string): number => {
  const ad = a.indexOf('-')
  const bd = b.indexOf('-')
  return Number(a.slice(0, ad)) - Number(b.slice(0, bd)) || Number(a.slice(ad + 1)) - Number(b.slice(bd + 1))
}
const EMPTY = Buffer.alloc(0)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * The inbound log on Redis Streams: `partitions` streams, a record's stream chosen by its key.
 * Brokers XADD (Redis writes the AOF before it replies, so an appended record survives a crash
 * of any one process). Each bridge process holds leases on a fair share of the partitions
 * (SET NX PX, renewed by a script that checks the token); the token is the fence a store
 * checks before it takes seqs. A new owner first claims what the previous owner left pending
 * (XAUTOCLAIM), then reads new records with XREADGROUP, one blocking read for all its streams.
 */
export class RedisInboundLog implements InboundLog {
  private readonly redis: Redis
  private readonly prefix: string
  private readonly partitions: number
  private readonly consumerId: string
  private readonly leaseMs: number
  private readonly blockMs: number
  private readonly maxInFlight: number
  private readonly lingerMs: number
  private readonly lingerBelow: number
  private readonly retryDelayMs: number
  private readonly onError: (err: unknown, what: string) => void
  private readonly owned = new Map<number, Partition>()
  private readonly pendingAcks = new Map<Partition, string[]>()
  private handler: InboundHandler | undefined
  private reader: Redis | undefined
  private running = false
  private ticking: Promise<void> = Promise.resolve()
  private maintaining: Promise<void> | undefined
  private timer: NodeJS.Timeout | undefined
  private loop: Promise<void> | undefined
  private inFlight = 0
  private tokens = 0

  constructor(options: RedisInboundLogOptions) {
    this.redis = options.redis
    this.prefix = options.prefix ?? 'tidings:'
    this.partitions = options.partitions ?? 16
    this.consumerId = options.consumerId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`
    this.leaseMs = options.leaseMs ?? 5000
    this.blockMs = options.blockMs ?? 100
    this.maxInFlight = options.maxInFlight ?? 4096
    this.lingerMs = options.lingerMs ?? 0
    this.lingerBelow = options.lingerBelow ?? 64
    this.retryDelayMs = options.retryDelayMs ?? 250
    this.onError = options.onError ?? (() => {})
    this.redis.defineCommand('tidingsRenew', { numberOfKeys: 1, lua: RENEW })
    this.redis.defineCommand('tidingsRelease', { numberOfKeys: 1, lua: RELEASE })
  }

  private stream = (p: number) => `${this.prefix}in:${p}`
  private lease = (p: number) => `${this.prefix}lease:${p}`
  private get registry() {
    return `${this.prefix}bridges`
  }

  async append(record: InboundRecord): Promise<void> {
    await this.redis.xadd(
      this.stream(partitionOf(record.key, this.partitions)),
      '*',
      'u',
      record.userId,
      'd',
      record.deviceId,
      'k',
      record.key,
      't',
      String(record.receivedAt),
      'p',
      asBuffer(record.payload),
    )
  }

  async consume(handler: InboundHandler): Promise<void> {
    this.handler = handler
    this.running = true
    this.reader = this.redis.duplicate()
    await this.tick()
    this.timer = setInterval(() => {
      this.ticking = this.ticking.then(() => this.tick()).catch((err) => this.onError(err, 'lease tick'))
      // On its own: under load a pass over every pending record can outlast a lease, and a
      // renewal stuck behind it hands the partitions to another bridge, which handles them again.
      this.maintaining ??= this.maintain()
        .catch((err) => this.onError(err, 'maintenance'))
        .finally(() => (this.maintaining = undefined))
    }, this.leaseMs / 4)
    this.loop = this.readLoop()
  }

  stats(): InboundLogStats {
    return { ownedPartitions: [...this.owned.keys()].sort((a, b) => a - b), inFlight: this.inFlight }
  }

  /** Depth and consumer lag of the partitions this process owns (for metrics). */
  async backlog(): Promise<PartitionBacklog[]> {
    return Promise.all(
      [...this.owned.values()].map(async (part) => {
        const length = await this.redis.xlen(part.stream)
        const groups = (await this.redis.xinfo('GROUPS', part.stream)) as unknown[][]
        const fields = groups.map((g) => new Map(g.flatMap((v, i) => (i % 2 ? [] : [[String(v), g[i + 1]]]))))
        const group = fields.find((g) => g.get('name') === GROUP)
        const lag = group?.get('lag')
        return {
          partition: part.index,
          length,
          lag: typeof lag === 'number' ? lag : null,
          pending: Number(group?.get('pending') ?? 0),
        }
      }),
    )
  }

  /** Stops reading, lets records in flight finish (up to 5 s), acks them and hands the partitions back. */
  async close(): Promise<void> {
    if (!this.running) return
    this.running = false
    clearInterval(this.timer)
    await this.loop
    await this.ticking
    await this.maintaining
    for (let waited = 0; this.inFlight > 0 && waited < 5000; waited += 20) await sleep(20)
    await this.flushAcks()
    await Promise.all(
      [...this.owned.values()].map((p) => this.redis.tidingsRelease(this.lease(p.index), p.fence.token)),
    )
    this.owned.clear()
    await this.redis.zrem(this.registry, this.consumerId)
    this.reader?.disconnect()
  }

  /** Stops dead without acking or releasing anything: what a crash looks like to the others (tests). */
  halt(): void {
    this.running = false
    clearInterval(this.timer)
    this.owned.clear()
    this.reader?.disconnect()
  }

  /** Heartbeat, lease renewal, rebalancing. */
  private async tick(): Promise<void> {
    if (!this.running) return
    const now = Date.now()
    await this.redis
      .multi()
      .zadd(this.registry, now + this.leaseMs, this.consumerId)
      .zremrangebyscore(this.registry, '-inf', now)
      .exec()
    const live = Math.max(1, await this.redis.zcard(this.registry))
    const share = Math.ceil(this.partitions / live)

    await Promise.all(
      [...this.owned.values()].map(async (part) => {
        const renewed = await this.redis.tidingsRenew(this.lease(part.index), part.fence.token, this.leaseMs)
        if (!renewed) this.owned.delete(part.index) // someone else holds it now; our writes are fenced
      }),
    )
    const extra = this.owned.size - share
    if (extra > 0) [...this.owned.values()].slice(-extra).forEach((p) => (p.releasing = true))
    for (const part of [...this.owned.values()]) {
      if (part.releasing && part.inFlight.size === 0) {
        await this.flushAcks()
        await this.redis.tidingsRelease(this.lease(part.index), part.fence.token)
        this.owned.delete(part.index)
      }
    }
    // Start at a per-process offset so that bridges do not all race for partition 0.
    const offset = partitionOf(this.consumerId, this.partitions)
    for (let i = 0; i < this.partitions && this.owned.size < share && this.running; i++) {
      const p = (offset + i) % this.partitions
      if (this.owned.has(p)) continue
      const token = `${this.consumerId}:${++this.tokens}`
      if ((await this.redis.set(this.lease(p), token, 'PX', this.leaseMs, 'NX')) === 'OK')
        await this.adopt(p, token)
    }
  }

  /** Takeover of stranded records, trimming. */
  private async maintain(): Promise<void> {
    if (!this.running) return
    // Acks first: a record that is done but not yet acked must not look stranded.
    await this.flushAcks()
    for (const part of this.owned.values()) {
      if (part.ready) await this.claimStranded(part, this.leaseMs * 2)
      await this.trim(part)
    }
  }

  private async adopt(index: number, token: string): Promise<void> {
    const stream = this.stream(index)
    try {
      await this.redis.xgroup('CREATE', stream, GROUP, '0', 'MKSTREAM')
    } catch (err) {
      if (!String(err).includes('BUSYGROUP')) throw err
    }
    const part: Partition = {
      index,
      stream,
      fence: { key: this.lease(index), token },
      ready: false,
      releasing: false,
      inFlight: new Set(),
      acking: new Set(),
      lastReadId: '0-0',
    }
    this.owned.set(index, part)
    await this.claimStranded(part, 0) // everything the previous owner left unfinished, oldest first
    part.ready = true
  }

  /**
   * Takes over records pending longer than minIdleMs (a dead or deposed consumer's), oldest
   * first. The claim moves ids only (JUSTID): under load most entries it finds are in flight
   * here, and their fields would cross the wire for nothing; the rest are read afterwards.
   */
  private async claimStranded(part: Partition, minIdleMs: number): Promise<void> {
    let cursor = '0-0'
    do {
      const [next, ids] = (await this.redis.xautoclaim(
        part.stream,
        GROUP,
        this.consumerId,
        minIdleMs,
        cursor,
        'COUNT',
        500,
        'JUSTID',
      )) as [string, string[]]
      cursor = next
      // A record finished while the claim was on its way is done, not stranded: not again.
      const stranded = ids.filter((id) => !part.inFlight.has(id) && !part.acking.has(id))
      if (stranded.length > 0) await this.fetchStranded(part, stranded)
    } while (cursor !== '0-0' && this.owned.get(part.index) === part)
  }

  /** Reads claimed records (oldest first, ids ascending) and hands them out, marked redelivered. */
  private async fetchStranded(part: Partition, ids: string[]): Promise<void> {
    const batch = this.redis.pipeline()
    for (const id of ids) batch.xrangeBuffer(part.stream, id, id)
    const replies = (await batch.exec()) ?? []
    replies.forEach(([err, entries], n) => {
      if (err) throw err
      const [entry] = entries as [Buffer, Buffer[]][]
      const id = ids[n]!
      // Trimmed meanwhile (nothing left to do), or finished while the read was on its way.
      if (entry && !part.inFlight.has(id) && !part.acking.has(id)) this.dispatch(part, id, entry[1], true)
    })
  }

  private async readLoop(): Promise<void> {
    while (this.running) {
      try {
        // The acks go out with the next read instead of before it: waiting for their reply
        // would hold back every record that arrives meanwhile by a round trip. A lost ack only
        // leaves a record pending, to be claimed and deduped later.
        const acked = this.flushAcks().catch((err: unknown) => this.onError(err, 'ack'))
        const parts = [...this.owned.values()].filter((p) => p.ready && !p.releasing)
        if (parts.length === 0 || this.inFlight >= this.maxInFlight) {
          await acked
          await sleep(parts.length === 0 ? this.blockMs : 2)
          continue
        }
        const reply = (await (this.reader as unknown as BufferCommands).xreadgroupBuffer(
          'GROUP',
          GROUP,
          this.consumerId,
          'COUNT',
          512,
          'BLOCK',
          this.blockMs,
          'STREAMS',
          ...parts.map((p) => p.stream),
          ...parts.map(() => '>'),
        )) as [Buffer, [Buffer, Buffer[]][]][] | null
        await acked
        let read = 0
        for (const [streamKey, entries] of reply ?? []) {
          const part = parts.find((p) => p.stream === streamKey.toString())!
          for (const [id, fields] of entries) this.dispatch(part, id.toString(), fields, false)
          read += entries.length
        }
        if (read > 0 && read < this.lingerBelow && this.lingerMs > 0) await sleep(this.lingerMs)
      } catch (err) {
        if (!this.running) return
        this.onError(err, 'read')
        if (String(err).includes('NOGROUP')) {
          this.owned.clear() // the streams were wiped (Redis lost its data): re-acquire from scratch
        }
        await sleep(this.retryDelayMs)
      }
    }
  }

  private dispatch(part: Partition, id: string, fields: Buffer[], redelivered: boolean): void {
    const record: DeliveredRecord = {
      userId: '',
      deviceId: '',
      key: '',
      receivedAt: 0,
      payload: EMPTY,
      redelivered,
      fence: part.fence,
    }
    // Field names are one byte (see append); read in place, no map per record.
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const name = fields[i]!
      const value = fields[i + 1]!
      if (name.length !== 1) continue
      switch (name[0]) {
        case 0x75 /* u */:
          record.userId = value.toString()
          break
        case 0x64 /* d */:
          record.deviceId = value.toString()
          break
        case 0x6b /* k */:
          record.key = value.toString()
          break
        case 0x74 /* t */:
          record.receivedAt = Number(value.toString())
          break
        case 0x70 /* p */:
          record.payload = value
      }
    }
    if (compareIds(id, part.lastReadId) > 0) part.lastReadId = id
    part.inFlight.add(id)
    this.inFlight++
    const finish = (acked: boolean) => {
      if (!part.inFlight.delete(id)) return
      this.inFlight--
      if (!acked) return
      part.acking.add(id)
      const acks = this.pendingAcks.get(part)
      if (acks) acks.push(id)
      else this.pendingAcks.set(part, [id])
    }
    const attempt = (r: DeliveredRecord): void => {
      this.handler!(r).then(
        () => finish(this.running),
        (err: unknown) => {
          // Deposed, or shutting down: leave the record pending for whoever owns the partition next.
          if (err instanceof FencedError || !this.running || this.owned.get(part.index) !== part)
            return finish(false)
          this.onError(err, 'handler')
          setTimeout(() => attempt({ ...r, redelivered: true }), this.retryDelayMs)
        },
      )
    }
    attempt(record)
  }

  private async flushAcks(): Promise<void> {
    if (this.pendingAcks.size === 0) return
    const batch = this.redis.pipeline()
    const acks = [...this.pendingAcks]
    for (const [part, ids] of acks) batch.xack(part.stream, GROUP, ...ids)
    this.pendingAcks.clear()
    try {
      await batch.exec()
    } finally {
      for (const [part, ids] of acks) for (const id of ids) part.acking.delete(id)
    }
  }

  /** Drops records every consumer is done with: everything below the oldest pending one. */
  private async trim(part: Partition): Promise<void> {
    const [count, oldest] = (await this.redis.xpending(part.stream, GROUP)) as [number, string | null]
    const minId = count > 0 && oldest ? oldest : part.lastReadId
    if (minId !== '0-0') await this.redis.xtrim(part.stream, 'MINID', minId)
  }
}
