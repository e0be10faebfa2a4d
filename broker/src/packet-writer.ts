import type mqttPacketModule from 'mqtt-packet'
import { aedesMqttPacket } from './aedes-mqtt-packet.ts'

/*
 * Aedes writes every packet with mqtt-packet's `writeToStream`, which writes a PUBLISH to the
 * socket in six pieces (header, length, topic length, topic, packet id, payload) and a PUBACK in
 * three: each a buffered write request on the corked socket, and small Buffers besides. A
 * delivery costs two PUBLISHes and a PUBACK per message, so these two are framed here into
 * one Buffer each. Everything else, and anything unusual (MQTT 5, a topic that is no string,
 * a QoS 1 PUBLISH without an id), goes to mqtt-packet as before.
 */
const mqttPacket = aedesMqttPacket() as typeof mqttPacketModule

type WriteToStream = typeof mqttPacket.writeToStream
type Packet = Parameters<WriteToStream>[0]
type Stream = Parameters<WriteToStream>[1]

const original: WriteToStream = mqttPacket.writeToStream

function framedWriteToStream(packet: Packet, stream: Stream, opts?: Parameters<WriteToStream>[2]): boolean {
  if ((opts as { protocolVersion?: number } | undefined)?.protocolVersion !== 5) {
    if (packet.cmd === 'publish') {
      const frame = publishFrame(packet)
      if (frame) return corkedWrite(stream, frame)
    } else if (packet.cmd === 'puback' && typeof packet.messageId === 'number') {
      return corkedWrite(stream, Buffer.of(0x40, 2, packet.messageId >> 8, packet.messageId & 0xff))
    }
  }
  return original(packet, stream, opts)
}

/**
 * Corks around the write as mqtt-packet does: the broker's write coalescing
 * (write-coalescing.ts) takes its hold on the socket at that cork.
 */
function corkedWrite(stream: Stream, frame: Buffer): boolean {
  const socket = stream as Stream & { cork?: () => void; uncork?: () => void }
  if (!socket.cork) return stream.write(frame)
  socket.cork()
  process.nextTick(uncork, socket)
  return stream.write(frame)
}

function uncork(socket: { uncork: () => void }): void {
  socket.uncork()
}

function publishFrame(packet: mqttPacketModule.IPublishPacket): Buffer | undefined {
  const { topic, payload, messageId } = packet
  const qos = packet.qos ?? 0
  if (typeof topic !== 'string' || topic.length === 0 || !Buffer.isBuffer(payload) || qos > 1) return
  if (qos === 1 && typeof messageId !== 'number') return
  const topicBytes = Buffer.byteLength(topic)
  const remaining = 2 + topicBytes + (qos ? 2 : 0) + payload.length
  const lengthBytes = remaining < 0x80 ? 1 : remaining < 0x4000 ? 2 : remaining < 0x200000 ? 3 : 4
  const frame = Buffer.allocUnsafe(1 + lengthBytes + remaining)
  frame[0] = 0x30 | (packet.dup ? 0x08 : 0) | (qos << 1) | (packet.retain ? 0x01 : 0)
  let at = 1
  for (let rest = remaining; ;) {
    const byte = rest % 0x80
    rest = Math.floor(rest / 0x80)
    frame[at++] = rest > 0 ? byte | 0x80 : byte
    if (rest === 0) break
  }
  frame.writeUInt16BE(topicBytes, at)
  at += 2 + frame.write(topic, at + 2, 'utf8')
  if (qos) {
    frame.writeUInt16BE(messageId!, at)
    at += 2
  }
  payload.copy(frame, at)
  return frame
}

/** Installs the framing for every mqtt-packet user in this process (Aedes); idempotent. */
export function installPacketWriter(): void {
  mqttPacket.writeToStream = framedWriteToStream as WriteToStream
}
