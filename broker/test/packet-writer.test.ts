import fc from 'fast-check'
import mqttPacket from 'mqtt-packet'
import { expect, it } from 'vitest'
import { installPacketWriter } from '../src/packet-writer.ts'

// src/packet-writer.ts frames PUBLISH and PUBACK in one Buffer each; mqtt-packet's own encoder
// (generate) is the reference, byte for byte.
const reference = (packet: mqttPacket.Packet) => mqttPacket.generate(packet)

function written(packet: mqttPacket.Packet, opts?: object): { bytes: Buffer; writes: number } {
  const chunks: Buffer[] = []
  const stream = {
    write: (chunk: Buffer | string) => chunks.push(Buffer.from(chunk)) > 0,
    cork: () => {},
    uncork: () => {},
    destroy: () => {},
  }
  mqttPacket.writeToStream(packet, stream as never, opts as never)
  return { bytes: Buffer.concat(chunks), writes: chunks.length }
}

installPacketWriter()

it('writes every QoS 0/1 PUBLISH as mqtt-packet encodes it, in one write', () => {
  fc.assert(
    fc.property(
      fc.string({ minLength: 1, maxLength: 80, unit: 'grapheme' }),
      fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 16_370, maxLength: 16_400 })),
      fc.constantFrom(0, 1) as fc.Arbitrary<0 | 1>,
      fc.boolean(),
      fc.boolean(),
      fc.integer({ min: 1, max: 65_535 }),
      (topic, payload, qos, dup, retain, messageId) => {
        const packet: mqttPacket.IPublishPacket = {
          cmd: 'publish',
          topic,
          payload: Buffer.from(payload),
          qos,
          dup,
          retain,
          ...(qos ? { messageId } : {}),
        }
        const { bytes, writes } = written(packet)
        expect(bytes.equals(reference(packet))).toBe(true)
        expect(writes).toBe(1)
      },
    ),
    { numRuns: 300 },
  )
})

it('writes a PUBACK in one write, and leaves other packets to mqtt-packet', () => {
  const puback: mqttPacket.IPubackPacket = { cmd: 'puback', messageId: 0xbeef }
  expect(written(puback)).toEqual({ bytes: reference(puback), writes: 1 })
  const pingresp: mqttPacket.Packet = { cmd: 'pingresp' }
  expect(written(pingresp).bytes.equals(reference(pingresp))).toBe(true)
  // A string payload and a payload of 2 MB (a four-byte length) still encode as mqtt-packet does.
  for (const payload of ['text', Buffer.alloc(2_097_152, 7)]) {
    const packet = {
      cmd: 'publish',
      topic: 'u/x',
      payload,
      qos: 1,
      messageId: 9,
      dup: false,
      retain: false,
    } as const
    expect(written(packet as never).bytes.equals(reference(packet as never))).toBe(true)
  }
})
