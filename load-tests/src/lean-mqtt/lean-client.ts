// A minimal MQTT 3.1.1 client for the pairs scenario: CONNECT, SUBSCRIBE, QoS 1 PUBLISH with
// PUBACK callbacks, and incoming QoS 0/1 PUBLISH answered with PUBACK. mqtt.js spends several
// times the CPU per message of the servers it measures (its stores, streams and events), and on
// this 2-core machine the load generator's CPU is taken from the servers. This client frames
// packets by hand and writes once per event-loop turn; it is used for every target alike.
import { connect as dial, type Socket } from 'node:net'

export interface LeanConnectOptions {
  url: string
  clientId: string
  username?: string
  password?: string
  /** Seconds; a PINGREQ goes out every half of it. */
  keepaliveS?: number
}

type MessageHandler = (topic: string, payload: Buffer) => void

const CONNACK = 2
const PUBLISH = 3
const PUBACK = 4
const SUBACK = 9
const PINGRESP = 13
const PINGREQ = Buffer.from([0xc0, 0x00])
const DISCONNECT = Buffer.from([0xe0, 0x00])

export class LeanMqttClient {
  private buffered: Buffer | undefined
  private readonly pending: (((ok: boolean) => void) | undefined)[] = new Array(65536)
  private nextId = 1
  private onConnack?: (code: number) => void
  private readonly subAcks = new Map<number, (granted: number) => void>()
  private messageHandler: MessageHandler = () => {}
  private corked = false
  private readonly pinger: ReturnType<typeof setInterval>
  private closed = false

  private constructor(
    private readonly socket: Socket,
    keepaliveS: number,
  ) {
    socket.setNoDelay(true)
    socket.on('data', (chunk) => this.read(chunk))
    socket.on('error', () => {})
    socket.on('close', () => this.fail())
    this.pinger = setInterval(() => this.write(PINGREQ), (keepaliveS * 1000) / 2)
    this.pinger.unref()
  }

  static connect(o: LeanConnectOptions): Promise<LeanMqttClient> {
    const url = new URL(o.url)
    const keepaliveS = o.keepaliveS ?? 60
    return new Promise((resolve, reject) => {
      const socket = dial({ host: url.hostname, port: Number(url.port) })
      socket.once('error', reject)
      socket.once('connect', () => {
        const client = new LeanMqttClient(socket, keepaliveS)
        client.onConnack = (code) => {
          client.onConnack = undefined
          socket.off('error', reject)
          if (code === 0) resolve(client)
          else {
            client.end()
            reject(new Error(`CONNACK return code ${code} for ${o.clientId}`))
          }
        }
        client.write(connectPacket(o, keepaliveS))
      })
    })
  }

  onMessage(handler: MessageHandler): void {
    this.messageHandler = handler
  }

  subscribe(topic: string): Promise<void> {
    const id = this.takeId()
    const name = Buffer.from(topic)
    const body = Buffer.allocUnsafe(2 + 2 + name.length + 1)
    body.writeUInt16BE(id, 0)
    body.writeUInt16BE(name.length, 2)
    name.copy(body, 4)
    body[4 + name.length] = 1 // QoS 1
    this.write(packet(0x82, body))
    return new Promise((resolve, reject) =>
      this.subAcks.set(id, (granted) =>
        granted === 0x80 ? reject(new Error(`SUBSCRIBE ${topic} refused`)) : resolve(),
      ),
    )
  }

  /** A QoS 1 PUBLISH; `acked(true)` on its PUBACK, `acked(false)` if the connection ends first. */
  publish(topic: Buffer, payload: Uint8Array, acked?: (ok: boolean) => void): void {
    const id = this.takeId()
    this.pending[id] = acked
    const remaining = 2 + topic.length + 2 + payload.length
    const header = 1 + varintLength(remaining)
    const out = Buffer.allocUnsafe(header + remaining)
    out[0] = 0x32
    let at = writeVarint(out, 1, remaining)
    out.writeUInt16BE(topic.length, at)
    at += 2
    at += topic.copy(out, at)
    out.writeUInt16BE(id, at)
    out.set(payload, at + 2)
    this.write(out)
  }

  end(): Promise<void> {
    if (this.closed) return Promise.resolve()
    this.write(DISCONNECT)
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve())
      this.socket.end()
    })
  }

  private takeId(): number {
    const id = this.nextId
    this.nextId = id === 65535 ? 1 : id + 1
    return id
  }

  /** Writes go out together at the end of this turn: one syscall for a burst of PUBACKs. */
  private write(bytes: Buffer): void {
    if (this.closed) return
    if (!this.corked) {
      this.corked = true
      this.socket.cork()
      process.nextTick(() => {
        this.corked = false
        this.socket.uncork()
      })
    }
    this.socket.write(bytes)
  }

  private read(chunk: Buffer): void {
    const bytes = this.buffered ? Buffer.concat([this.buffered, chunk]) : chunk
    this.buffered = undefined
    let pos = 0
    while (pos < bytes.length) {
      // Fixed header: type and flags, then the remaining length (1–4 bytes of 7 bits).
      let length = 0
      let scale = 1
      let at = pos + 1
      let complete = false
      for (let i = 0; i < 4 && at < bytes.length; i++) {
        const byte = bytes[at++]!
        length += (byte & 0x7f) * scale
        scale *= 128
        if (byte < 0x80) {
          complete = true
          break
        }
      }
      if (!complete || at + length > bytes.length) break
      this.handle(bytes[pos]!, bytes, at, at + length)
      pos = at + length
    }
    if (pos < bytes.length) this.buffered = bytes.subarray(pos)
  }

  private handle(first: number, bytes: Buffer, start: number, end: number): void {
    switch (first >> 4) {
      case PUBLISH: {
        const qos = (first >> 1) & 3
        const topicLength = bytes.readUInt16BE(start)
        const topic = bytes.toString('utf8', start + 2, start + 2 + topicLength)
        let at = start + 2 + topicLength
        if (qos > 0) {
          const ack = Buffer.allocUnsafe(4)
          ack[0] = 0x40
          ack[1] = 2
          ack[2] = bytes[at]!
          ack[3] = bytes[at + 1]!
          this.write(ack)
          at += 2
        }
        this.messageHandler(topic, bytes.subarray(at, end))
        return
      }
      case PUBACK: {
        const id = bytes.readUInt16BE(start)
        const acked = this.pending[id]
        this.pending[id] = undefined
        acked?.(true)
        return
      }
      case CONNACK:
        this.onConnack?.(bytes[start + 1]!)
        return
      case SUBACK: {
        const id = bytes.readUInt16BE(start)
        this.subAcks.get(id)?.(bytes[start + 2]!)
        this.subAcks.delete(id)
        return
      }
      case PINGRESP:
        return
    }
  }

  private fail(): void {
    if (this.closed) return
    this.closed = true
    clearInterval(this.pinger)
    this.onConnack?.(-1)
    for (let id = 0; id < this.pending.length; id++) {
      const acked = this.pending[id]
      if (acked) {
        this.pending[id] = undefined
        acked(false)
      }
    }
  }
}

function connectPacket(o: LeanConnectOptions, keepaliveS: number): Buffer {
  const parts = [Buffer.from([0, 4, 0x4d, 0x51, 0x54, 0x54, 4])] // "MQTT", level 4
  let flags = 0x02 // clean session
  if (o.username !== undefined) flags |= 0x80
  if (o.password !== undefined) flags |= 0x40
  parts.push(Buffer.from([flags, keepaliveS >> 8, keepaliveS & 0xff]))
  for (const field of [o.clientId, o.username, o.password]) {
    if (field === undefined) continue
    const bytes = Buffer.from(field)
    parts.push(Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes)
  }
  return packet(0x10, Buffer.concat(parts))
}

function packet(first: number, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(1 + varintLength(body.length) + body.length)
  out[0] = first
  body.copy(out, writeVarint(out, 1, body.length))
  return out
}

function varintLength(n: number): number {
  return n < 128 ? 1 : n < 16_384 ? 2 : n < 2_097_152 ? 3 : 4
}

function writeVarint(out: Buffer, at: number, n: number): number {
  do {
    let byte = n % 128
    n = Math.floor(n / 128)
    if (n > 0) byte |= 0x80
    out[at++] = byte
  } while (n > 0)
  return at
}
