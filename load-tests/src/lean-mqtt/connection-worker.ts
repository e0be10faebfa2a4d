// A forked process holding thousands of idle MQTT 3.1.1 connections on plain sockets: a
// CONNECT, optional SUBSCRIBEs, then a PINGREQ per keepalive period. mqtt.js costs tens of KB
// per client; this costs a socket and a few array slots, so one process holds 10,000.
// Driven over IPC by ConnectionPool (messages.ts).
import { connect, type Socket } from 'node:net'
import mqttPacket from 'mqtt-packet'
import { createTokenService } from '@tidings/broker/auth'
import { backoffDelay } from '@tidings/sdk'
import type { OpenCommand, ParentMessage, WorkerMessage, WorkerStats } from './messages.ts'

const CONNECT_TIMEOUT_MS = 10_000
const RETRY_MS = 1_000
const PINGREQ = Buffer.from([0xc0, 0x00])

const DISCONNECTED = 0
const CONNECTING = 1
const CONNECTED = 2

const send = (message: WorkerMessage) => process.send!(message)

let spec: OpenCommand
let sockets: (Socket | undefined)[] = []
let state = new Uint8Array(0)
let attempt = new Uint16Array(0)
/** Epoch ms when the connection noticed it was down (0: never dropped). */
let downSince = new Float64Array(0)
const connectPackets: Buffer[] = []
const subscribePackets: Buffer[][] = []
/** The tail of a packet split across reads, per connection (rare: idle traffic is tiny). */
const partial = new Map<number, Buffer>()
let closingAll = false
let addresses: string[] = []
let keepaliveTimer: ReturnType<typeof setInterval> | undefined

const stats: WorkerStats = {
  connected: 0,
  connecting: 0,
  connects: 0,
  refused: 0,
  failed: 0,
  drops: 0,
  pingsSent: 0,
  pingResponses: 0,
  subAcks: 0,
  errors: {},
  firstDialAt: 0,
  lastConnectAt: 0,
  reconnectMs: [],
}

const now = () => performance.timeOrigin + performance.now()

async function open(command: OpenCommand): Promise<void> {
  spec = command
  addresses = command.localAddresses
  const n = command.count
  sockets = new Array(n)
  state = new Uint8Array(n)
  attempt = new Uint16Array(n)
  downSince = new Float64Array(n)
  const tokens = command.jwtSecret ? createTokenService(command.jwtSecret) : undefined
  for (let k = 0; k < n; k++) {
    const userId = `${command.userPrefix}${command.first + k}`
    connectPackets.push(
      mqttPacket.generate({
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: 4,
        clean: true,
        clientId: `${userId}/d`,
        keepalive: command.keepaliveS,
        ...(tokens
          ? { username: userId, password: Buffer.from(await tokens.issue(userId, 7 * 24 * 3600)) }
          : {}),
      }),
    )
    subscribePackets.push(
      command.subscribe.map((topic, t) =>
        mqttPacket.generate({
          cmd: 'subscribe',
          messageId: t + 1,
          subscriptions: [{ topic: topic.replace('{user}', userId), qos: 1 }],
        }),
      ),
    )
  }
  // Every second, the connections whose turn it is send a PINGREQ: each once per keepalive period.
  let tick = 0
  keepaliveTimer = setInterval(() => {
    const period = Math.max(1, spec.keepaliveS)
    for (let k = tick++ % period; k < n; k += period) {
      if (state[k] === CONNECTED) {
        sockets[k]!.write(PINGREQ)
        stats.pingsSent++
      }
    }
  }, 1000)
  stats.firstDialAt = now()
  // Open with at most `concurrency` dials in flight.
  let next = 0
  await new Promise<void>((resolve) => {
    const more = () => {
      while (next < n && stats.connecting < spec.concurrency) dial(next++)
      if (next === n && stats.connecting === 0) resolve()
      else setTimeout(more, 5)
    }
    more()
  })
}

function dial(k: number): void {
  state[k] = CONNECTING
  stats.connecting++
  attempt[k]!++
  const socket = connect({
    host: spec.host,
    port: spec.port,
    localAddress: addresses[k % addresses.length],
    noDelay: true,
  })
  sockets[k] = socket
  socket.setTimeout(CONNECT_TIMEOUT_MS, () => {
    countError('TIMEOUT')
    socket.destroy()
  })
  socket.on('connect', () => socket.write(connectPackets[k]!))
  socket.on('data', (chunk: Buffer) => onData(k, socket, chunk))
  socket.on('error', (err: NodeJS.ErrnoException) => countError(err.code ?? err.message))
  socket.on('close', () => onClose(k, socket))
}

function countError(code: string): void {
  stats.errors[code] = (stats.errors[code] ?? 0) + 1
}

/** Splits reads into MQTT packets by their fixed header; only the packet type and a few bytes matter here. */
function onData(k: number, socket: Socket, chunk: Buffer): void {
  let data = chunk
  const tail = partial.get(k)
  if (tail) {
    data = Buffer.concat([tail, chunk])
    partial.delete(k)
  }
  let at = 0
  while (at < data.length) {
    let length = 0
    let multiplier = 1
    let i = at + 1
    for (; i < data.length; i++) {
      length += (data[i]! & 0x7f) * multiplier
      multiplier *= 128
      if ((data[i]! & 0x80) === 0) break
    }
    const end = i + 1 + length
    if (i >= data.length || end > data.length) {
      partial.set(k, data.subarray(at))
      return
    }
    onPacket(k, socket, data[at]!, data.subarray(i + 1, end))
    at = end
  }
}

function onPacket(k: number, socket: Socket, header: number, body: Buffer): void {
  switch (header >> 4) {
    case 2: // CONNACK
      if (body[1] !== 0) {
        // Refused is not failed: take it out of the dial before the close arrives.
        stats.refused++
        stats.connecting--
        state[k] = DISCONNECTED
        sockets[k] = undefined
        socket.destroy()
        if (!closingAll) reconnect(k, false)
        return
      }
      socket.setTimeout(0)
      state[k] = CONNECTED
      stats.connecting--
      stats.connected++
      stats.connects++
      attempt[k] = 0
      stats.lastConnectAt = now()
      if (downSince[k]) stats.reconnectMs.push(stats.lastConnectAt - downSince[k]!)
      downSince[k] = 0
      for (const packet of subscribePackets[k]!) socket.write(packet)
      return
    case 3: // PUBLISH: acknowledge QoS 1 (idle clients expect none)
      if ((header & 0x06) === 0x02) {
        const topicLength = body.readUInt16BE(0)
        const id = body.readUInt16BE(2 + topicLength)
        socket.write(Buffer.from([0x40, 0x02, id >> 8, id & 0xff]))
      }
      return
    case 9: // SUBACK
      stats.subAcks++
      return
    case 13: // PINGRESP
      stats.pingResponses++
      return
  }
}

function onClose(k: number, socket: Socket): void {
  if (sockets[k] !== socket) return
  sockets[k] = undefined
  partial.delete(k)
  const was = state[k]
  state[k] = DISCONNECTED
  if (was === CONNECTED) {
    stats.connected--
    if (closingAll) return
    stats.drops++
    downSince[k] = now()
    return reconnect(k, true)
  }
  if (was === CONNECTING) {
    stats.connecting--
    stats.failed++
    if (!closingAll) reconnect(k, false)
  }
}

function reconnect(k: number, justDropped: boolean): void {
  const policy = spec.reconnect
  if (policy === 'none') return
  let delay: number
  if (policy === 'immediate') delay = justDropped ? 0 : RETRY_MS
  else delay = backoffDelay(justDropped ? 0 : attempt[k]!)
  if (delay === 0) return dial(k)
  setTimeout(() => state[k] === DISCONNECTED && !closingAll && dial(k), delay)
}

/** Every connected socket destroyed at once, as if the network dropped; each redials under its policy. */
function cut(): void {
  const at = now()
  addresses = spec.redialAddresses ?? addresses
  for (let k = 0; k < sockets.length; k++) {
    if (state[k] !== CONNECTED) continue
    const socket = sockets[k]!
    sockets[k] = undefined
    state[k] = DISCONNECTED
    stats.connected--
    downSince[k] = at
    socket.destroy()
  }
  stats.reconnectMs = []
  for (let k = 0; k < sockets.length; k++) if (downSince[k] === at) reconnect(k, true)
}

function closeAll(): void {
  closingAll = true
  clearInterval(keepaliveTimer)
  for (const socket of sockets) socket?.destroy()
}

// Progress while anything changes, for the parent's progress line.
let lastProgress = ''
setInterval(() => {
  const line = `${stats.connected}/${stats.connecting}`
  if (line === lastProgress) return
  lastProgress = line
  send({ type: 'progress', connected: stats.connected, connecting: stats.connecting })
}, 250).unref()

process.on('message', (message: ParentMessage) => {
  switch (message.type) {
    case 'open':
      open(message).then(
        () => send({ type: 'opened' }),
        (err: unknown) => {
          process.stderr.write(`connection worker: ${String(err)}\n`)
          process.exit(1)
        },
      )
      return
    case 'stats':
      return send({ type: 'stats', stats })
    case 'cut':
      return cut()
    case 'close':
      closeAll()
      send({ type: 'closed' })
      process.disconnect()
      setTimeout(() => process.exit(0), 100)
      return
  }
})
// The parent died: do not linger holding thousands of sockets.
process.on('disconnect', () => process.exit(0))
send({ type: 'ready' })
