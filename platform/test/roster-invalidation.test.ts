import { Redis } from 'ioredis'
import { afterAll, expect, inject, it } from 'vitest'
import { watchRosterChanges } from '../src/roster-invalidation.ts'

const { host, port } = inject('redis')
const admin = new Redis({ host, port })
afterAll(() => admin.disconnect())

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25))
  if (!check()) throw new Error(`timed out waiting for ${what}`)
}

it('drops a chat on its change, and every roster once a lost subscription is back', async () => {
  const channel = `t:chat-changed:${process.pid}:${Date.now()}`
  const calls: string[] = []
  const store = { invalidate: (id: string) => calls.push(id), invalidateAll: () => calls.push('*') }
  const subscriber = new Redis({ host, port, connectionName: `roster-watch-${process.pid}` })
  await watchRosterChanges(subscriber, channel, store)

  await admin.publish(channel, 'c1')
  await admin.publish(`${channel}-other`, 'c2') // another channel: not ours
  await until(() => calls.length > 0, 'the first invalidation')
  expect(calls).toEqual(['c1'])

  // Whatever is published while the subscription is down is lost: hence the full drop after it.
  await admin.client('KILL', 'TYPE', 'pubsub')
  await until(() => calls.includes('*'), 'invalidateAll after the reconnect')
  await admin.publish(channel, 'c3')
  await until(() => calls.includes('c3'), 'an invalidation after the reconnect')
  expect(calls).toEqual(['c1', '*', 'c3'])
  subscriber.disconnect()
})
