import MQEmitterRedis from 'mqemitter-redis'
import { describe, expect, inject, it } from 'vitest'
import { decodeBusFrame, encodeBusFrame, useBusFrames } from '../src/bus-frames.ts'

const packet = (over: Record<string, unknown> = {}) => ({
  cmd: 'publish',
  topic: 'u/ålice',
  payload: Buffer.from([0, 1, 2, 255]),
  qos: 1,
  retain: false,
  dup: false,
  brokerId: 'bridge-abc',
  brokerCounter: 2 ** 40 + 7,
  ...over,
})

type Emitter = {
  on(topic: string, cb: (msg: Record<string, unknown>, done: () => void) => void, done: () => void): void
  emit(msg: Record<string, unknown>, done: (err?: Error) => void): void
  close(done: () => void): void
}
const emitter = (frames: boolean): Emitter => {
  const mq = MQEmitterRedis(inject('redis'))
  if (frames) useBusFrames(mq)
  return mq as unknown as Emitter
}
const subscribed = (mq: Emitter, topic: string, got: Record<string, unknown>[]) =>
  new Promise<void>((resolve) =>
    mq.on(
      topic,
      (msg, done) => {
        got.push(msg)
        done()
      },
      resolve,
    ),
  )
const emitted = (mq: Emitter, msg: Record<string, unknown>) =>
  new Promise<void>((resolve, reject) => mq.emit(msg, (err) => (err ? reject(err) : resolve())))
const until = async (check: () => boolean) => {
  for (let waited = 0; !check(); waited += 5) {
    if (waited > 5000) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('bus frames', () => {
  it('carry every field of a delivery', () => {
    const frame = encodeBusFrame('id-1', packet())!
    expect(decodeBusFrame(frame)).toEqual({ id: 'id-1', msg: packet() })
    const flags = decodeBusFrame(encodeBusFrame('id-2', packet({ qos: 0, retain: true, dup: true }))!)!
    expect(flags.msg).toMatchObject({ qos: 0, retain: true, dup: true })
  })

  it('leave any other packet to msgpack, and never read a msgpack frame as theirs', () => {
    expect(encodeBusFrame('x', packet({ properties: { contentType: 'a' } }))).toBeUndefined()
    expect(encodeBusFrame('x', packet({ clientId: 'will-of-someone' }))).toBeUndefined()
    expect(encodeBusFrame('x', packet({ messageId: 7 }))).toBeUndefined()
    expect(encodeBusFrame('x', packet({ cmd: 'pubrel' }))).toBeUndefined()
    expect(decodeBusFrame(Buffer.from([0x82, 0xa2, 0x69, 0x64]))).toBeUndefined()
  })

  it('rejects a truncated frame', () => {
    const frame = encodeBusFrame('id', packet())!
    expect(() => decodeBusFrame(frame.subarray(0, 20))).toThrow(/truncated/)
  })

  it('cross Redis between nodes once each, and are read next to the msgpack frames of stock nodes', async () => {
    // (A stock node cannot read these frames: every node of a cluster must run this code.)
    const [framed, stock, listener] = [emitter(true), emitter(false), emitter(true)]
    const exact: Record<string, unknown>[] = []
    const wildcard: Record<string, unknown>[] = []
    try {
      await subscribed(listener, 'u/ålice', exact)
      await subscribed(listener, 'u/+', wildcard) // a channel and a pattern both match: still once each
      await emitted(framed, packet())
      await emitted(stock, packet({ brokerCounter: 8 }))
      await emitted(framed, packet({ properties: { userProperties: { a: 'b' } }, brokerCounter: 9 }))
      await until(() => exact.length >= 3 && wildcard.length >= 3)
      await new Promise((r) => setTimeout(r, 50))
      for (const got of [exact, wildcard]) {
        expect(got.map((m) => m.brokerCounter)).toEqual([2 ** 40 + 7, 8, 9])
        expect(Buffer.from(got[0]!.payload as Buffer)).toEqual(packet().payload)
        expect(got[2]!.properties).toEqual({ userProperties: { a: 'b' } })
      }
    } finally {
      await Promise.all([framed, stock, listener].map((mq) => new Promise<void>((r) => mq.close(r))))
    }
  })
})
