import type { Socket } from 'node:net'
import { Redis } from 'ioredis'
import { afterAll, expect, inject, it } from 'vitest'
import { corkPerTurn } from '../src/redis-cork.ts'

const { host, port } = inject('redis')
const admin = new Redis({ host, port })
afterAll(() => admin.disconnect())

/** Counts the writes a connection's current socket hands to the OS (one per _write or _writev). */
function countWrites(redis: Redis): { readonly writes: number } {
  type Write = (...args: unknown[]) => unknown
  const stream = (redis as unknown as { stream: Socket & Record<'_write' | '_writev', Write> }).stream
  const counter = { writes: 0 }
  for (const name of ['_write', '_writev'] as const) {
    const original = stream[name].bind(stream)
    stream[name] = (...args: unknown[]) => {
      counter.writes++
      return original(...args)
    }
  }
  return counter
}

const threePings = (redis: Redis) => Promise.all([redis.ping(), redis.ping('a'), redis.ping('b')])

it('sends the commands of one turn in one write, in order, also after a reconnect', async () => {
  const plain = new Redis({ host, port })
  const corked = corkPerTurn(new Redis({ host, port }))
  await Promise.all([plain.ping(), corked.ping()])

  const plainWrites = countWrites(plain)
  await threePings(plain)
  expect(plainWrites.writes).toBe(3) // what corking is for

  let corkedWrites = countWrites(corked)
  expect(await threePings(corked)).toEqual(['PONG', 'a', 'b'])
  expect(corkedWrites.writes).toBe(1)

  // A reconnect opens a new socket: it is corked too.
  const id = await corked.client('ID')
  const reconnected = new Promise((resolve) => corked.once('ready', resolve))
  await admin.client('KILL', 'ID', String(id))
  await reconnected
  corkedWrites = countWrites(corked)
  expect(await threePings(corked)).toEqual(['PONG', 'a', 'b'])
  expect(corkedWrites.writes).toBe(1)
  plain.disconnect()
  corked.disconnect()
})
