import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'
import { corkPerTurn } from '@tidings/bridge/redis-cork'

/**
 * A publish as it crosses Redis between cluster nodes: the fields Aedes' packets have when
 * Tidings routes a delivery. Anything else (MQTT 5 properties, a will's clientId…) goes the
 * stock msgpack way.
 */
interface BusPacket {
  cmd: 'publish'
  topic: string
  payload: Buffer
  qos: 0 | 1 | 2
  retain: boolean
  dup: boolean
  brokerId: string
  brokerCounter: number
  messageId?: undefined
}

// First byte of a frame. mqemitter-redis' msgpack frames start with 0x82 (a map of {id, msg}),
// so both kinds can share a channel while a cluster is upgraded node by node.
const MAGIC = 0xa7
const FIELDS = new Set([
  'cmd',
  'topic',
  'payload',
  'qos',
  'retain',
  'dup',
  'brokerId',
  'brokerCounter',
  'messageId',
])

function isBusPacket(msg: Record<string, unknown>): msg is BusPacket & Record<string, unknown> {
  if (msg.cmd !== 'publish' || typeof msg.topic !== 'string' || !Buffer.isBuffer(msg.payload)) return false
  if (typeof msg.brokerId !== 'string' || typeof msg.brokerCounter !== 'number') return false
  if (msg.messageId !== undefined || (msg.qos !== 0 && msg.qos !== 1 && msg.qos !== 2)) return false
  for (const key in msg) if (!FIELDS.has(key)) return false
  return true
}

/**
 * Frame: MAGIC, flags (qos in bits 0-1, retain bit 2, dup bit 3), brokerCounter (f64), then the
 * byte lengths of id (u8), brokerId (u8) and topic (u16), those three strings, and the payload
 * (the rest). Undefined when the packet does not fit (the caller falls back to msgpack).
 */
export function encodeBusFrame(id: string, msg: Record<string, unknown>): Buffer | undefined {
  if (!isBusPacket(msg)) return undefined
  const idBytes = Buffer.byteLength(id)
  const brokerBytes = Buffer.byteLength(msg.brokerId)
  const topicBytes = Buffer.byteLength(msg.topic)
  if (idBytes > 255 || brokerBytes > 255 || topicBytes > 65535) return undefined
  const head = 14
  const frame = Buffer.allocUnsafe(head + idBytes + brokerBytes + topicBytes + msg.payload.length)
  frame[0] = MAGIC
  frame[1] = msg.qos | (msg.retain ? 4 : 0) | (msg.dup ? 8 : 0)
  frame.writeDoubleBE(msg.brokerCounter, 2)
  frame[10] = idBytes
  frame[11] = brokerBytes
  frame.writeUInt16BE(topicBytes, 12)
  let at = head
  at += frame.write(id, at)
  at += frame.write(msg.brokerId, at)
  at += frame.write(msg.topic, at)
  msg.payload.copy(frame, at)
  return frame
}

/** The id and packet of a frame made by encodeBusFrame; undefined for anything else (msgpack). */
export function decodeBusFrame(frame: Buffer): { id: string; msg: BusPacket } | undefined {
  if (frame.length < 14 || frame[0] !== MAGIC) return undefined
  const flags = frame[1]!
  const idEnd = 14 + frame[10]!
  const brokerEnd = idEnd + frame[11]!
  const topicEnd = brokerEnd + frame.readUInt16BE(12)
  if (topicEnd > frame.length) throw new Error('truncated bus frame')
  return {
    id: frame.toString('utf8', 14, idEnd),
    msg: {
      cmd: 'publish',
      topic: frame.toString('utf8', brokerEnd, topicEnd),
      // A copy, not a view: the payload outlives this frame in Aedes' queues.
      payload: Buffer.from(frame.subarray(topicEnd)),
      qos: (flags & 3) as 0 | 1 | 2,
      retain: (flags & 4) !== 0,
      dup: (flags & 8) !== 0,
      brokerId: frame.toString('utf8', idEnd, brokerEnd),
      brokerCounter: frame.readDoubleBE(2),
    },
  }
}

/** What this file uses of mqemitter-redis 7 (pinned by the lockfile); none of it is in its types. */
interface EmitterInternals {
  closed?: boolean
  pubConn: Redis
  subConn: NodeJS.EventEmitter
  _cache: { get(id: string): unknown; set(id: string, value: boolean): void }
  _emit(msg: unknown): void
  _onError(err?: Error): void
  emit(msg: Record<string, unknown>, done?: (err?: Error) => void): void
}

type Listener = (...args: Buffer[]) => void

/**
 * Swaps mqemitter-redis' msgpack frames for encodeBusFrame's on one emitter, for the packets
 * Tidings routes (profiles put msgpack-lite among the top entries of brokers and bridges). The
 * dedupe of packets that arrive twice (a channel and a pattern subscription both match) is
 * mqemitter-redis' own, keyed by the same ids; other packets and frames keep the msgpack path.
 */
export function useBusFrames(emitter: unknown): void {
  const mq = emitter as unknown as EmitterInternals
  // A bridge publishes a delivery per member: the publishes of one turn go out in one write.
  corkPerTurn(mq.pubConn)
  const stockEmit = mq.emit.bind(mq)
  const prefix = randomBytes(6).toString('base64url')
  let counter = 0
  mq.emit = (msg, done = mq._onError) => {
    if (mq.closed) return done(new Error('mqemitter-redis is closed'))
    const frame = encodeBusFrame(`${prefix}${(++counter).toString(36)}`, msg)
    if (!frame) return stockEmit(msg, done)
    mq.pubConn.publish(msg.topic as string, frame).then(
      () => done(),
      (err: Error) => done(err),
    )
  }
  const wrap = (event: 'messageBuffer' | 'pmessageBuffer') => {
    const [stock] = mq.subConn.listeners(event) as Listener[]
    if (!stock) throw new Error(`mqemitter-redis has no ${event} listener: has its internals changed?`)
    mq.subConn.removeListener(event, stock)
    mq.subConn.on(event, (...args: Buffer[]) => {
      let frame: ReturnType<typeof decodeBusFrame>
      try {
        frame = decodeBusFrame(args.at(-1)!)
      } catch (err) {
        return mq._onError(err as Error) // a garbled frame is dropped, the node keeps serving
      }
      if (!frame) return stock(...args)
      if (!mq._cache.get(frame.id)) mq._emit(frame.msg)
      mq._cache.set(frame.id, true)
    })
  }
  wrap('messageBuffer')
  wrap('pmessageBuffer')
}
