import { Writable } from 'node:stream'

// Sockets held corked in this event-loop turn; one setImmediate releases them all.
const HELD = Symbol('tidings.heldForTurn')
type Holdable = Writable & { [HELD]?: boolean }

let held: Holdable[] = []
let releaseScheduled = false

function release(): void {
  const sockets = held
  held = []
  releaseScheduled = false
  for (const socket of sockets) {
    socket[HELD] = false
    Writable.prototype.uncork.call(socket)
  }
}

/**
 * Corks `socket` until the end of this event-loop turn unless it is held already, so that what is
 * written to it meanwhile leaves in one system call. The broker's client sockets
 * (broker/src/write-coalescing.ts) and Redis connections (redis-cork.ts) share it. A property on
 * the socket rather than a closure per socket: idle connections stay small.
 */
export function holdForTurn(socket: Writable): void {
  const s = socket as Holdable
  if (s[HELD]) return
  s[HELD] = true
  held.push(s)
  Writable.prototype.cork.call(s)
  if (!releaseScheduled) {
    releaseScheduled = true
    setImmediate(release)
  }
}
