import type { Socket } from 'node:net'
import type { Redis } from 'ioredis'
import { holdForTurn } from './hold-for-turn.ts'

const corked = new WeakSet<Socket>()

/**
 * One socket write per event-loop turn for a Redis connection, without ioredis' auto-pipelining.
 * Auto-pipelining batches a turn's commands too, but builds a Pipeline for every batch: for a
 * command alone in its turn (the common case below a few thousand messages a second) that
 * costs about 30 µs of CPU more than a plain command (`npm run bench:hop`). Plain ioredis writes
 * every command at once, one system call each; holding the socket corked until the turn ends
 * makes them one write, as auto-pipelining does. Commands and replies keep their order. Applied
 * to every socket the connection opens (it opens a new one on each reconnect).
 */
export function corkPerTurn(redis: Redis): Redis {
  const patch = () => {
    const stream = (redis as unknown as { stream?: Socket }).stream
    if (!stream || corked.has(stream)) return
    corked.add(stream)
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean
    stream.write = ((...args: unknown[]) => {
      holdForTurn(stream)
      return write(...args)
    }) as Socket['write']
  }
  redis.on('connect', patch)
  patch()
  return redis
}
