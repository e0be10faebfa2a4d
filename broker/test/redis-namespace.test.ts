import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterEach, expect, inject, it } from 'vitest'
import { encodeServerEnvelope, inboxTopic } from '@tidings/proto'
import { createClusterBus, redisAedesParts } from '../src/index.ts'
import { startNode, waitFor } from './harness.ts'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A deployment's space in the shared test Redis: its nodes and its bus use this prefix. */
function space() {
  return { ...inject('redis'), prefix: `tidings-${randomBytes(4).toString('hex')}:` }
}

it('two deployments on one Redis, each with its TIDINGS_REDIS_PREFIX, never see each other’s deliveries', async () => {
  const [first, second] = [space(), space()]
  const nodes = await Promise.all([startNode(first), startNode(second)])
  cleanups.push(() => Promise.all(nodes.map((n) => n.close())))
  // The same user and device in both deployments: the same client id and MQTT topics. Sharing
  // one channel space, the second connect would also take the session over from the first.
  const devices = [await nodes[0]!.connect('alice', 'phone'), await nodes[1]!.connect('alice', 'phone')]
  cleanups.push(() => Promise.all(devices.map((d) => d.endAsync(true))))
  await new Promise((r) => setTimeout(r, 200)) // inbox subscriptions live
  expect(devices.map((d) => d.connected)).toEqual([true, true])
  const buses = await Promise.all([createClusterBus(first, 'test'), createClusterBus(second, 'test')])
  cleanups.push(() => Promise.all(buses.map((b) => b.close())))

  await buses[0]!.publish(inboxTopic('alice'), encodeServerEnvelope({ chatUpdate: { chatId: 'first' } }))
  await buses[1]!.publish(inboxTopic('alice'), encodeServerEnvelope({ chatUpdate: { chatId: 'second' } }))
  await waitFor(() => devices.every((d) => d.events.length > 0), 'a delivery in each deployment')
  await new Promise((r) => setTimeout(r, 300)) // time for a stray delivery to show
  expect(devices.map((d) => d.events.map((e) => e.chatUpdate?.chatId))).toEqual([['first'], ['second']])
})

it('the Aedes session keys of a deployment are in its space', async () => {
  const deployment = space()
  const node = await startNode(deployment)
  cleanups.push(() => node.close())
  const user = `u${randomBytes(4).toString('hex')}`
  const device = await node.connect(user, 'tablet', { clean: false }) // a persistent session: stored
  cleanups.push(() => device.endAsync(true))
  await new Promise((r) => setTimeout(r, 200))
  const redis = new Redis(inject('redis'))
  cleanups.push(async () => redis.disconnect())
  const keys = await redis.keys(`*${user}*`)
  expect(keys.length).toBeGreaterThan(0)
  expect(keys.filter((key) => !key.startsWith(deployment.prefix))).toEqual([])
})

it('a wildcard subscription matches its own deployment only, even when the prefix holds glob characters', async () => {
  const tag = randomBytes(4).toString('hex')
  const redis = inject('redis')
  // Unescaped, `x*<tag>:` as a PSUBSCRIBE pattern would also match the other deployment's channels.
  const parts = redisAedesParts({ ...redis, prefix: `x*${tag}:` }, 'test')
  const mq = parts.aedes.mq as unknown as {
    on(topic: string, cb: (packet: { topic: string }, done: () => void) => void, done: () => void): void
    close(cb: () => void): void
  }
  cleanups.push(async () => {
    await new Promise<void>((resolve) => mq.close(resolve))
    await parts.close()
  })
  const seen: string[] = []
  await new Promise<void>((resolve) =>
    mq.on(
      'a/+',
      (packet, done) => {
        seen.push(packet.topic)
        done()
      },
      resolve,
    ),
  )
  const buses = await Promise.all([
    createClusterBus({ ...redis, prefix: `xz${tag}:` }, 'other'),
    createClusterBus({ ...redis, prefix: `x*${tag}:` }, 'own'),
  ])
  cleanups.push(() => Promise.all(buses.map((b) => b.close())))
  await buses[0]!.publish('a/other', Buffer.from('x'))
  await buses[1]!.publish('a/own', Buffer.from('x'))
  await waitFor(() => seen.includes('a/own'), 'its own deployment’s delivery')
  await new Promise((r) => setTimeout(r, 200))
  expect(seen).toEqual(['a/own'])
})
