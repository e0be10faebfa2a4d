import type { Socket } from 'node:net'

// mqtt-packet corks a socket for one packet and uncorks it on the next tick: one writev system
// call per packet. A sender's PUBACK and its own copy, and everything else one connection gets in
// an event-loop turn, go out in one call instead: the first cork of a turn also takes a hold, and
// one setImmediate for the whole broker releases every held socket.
const HELD = Symbol('tidings.writeHeld')
type Holdable = Socket & { [HELD]?: boolean }

let held: Holdable[] = []
let releaseScheduled = false

function release(): void {
  const sockets = held
  held = []
  releaseScheduled = false
  for (const socket of sockets) {
    socket[HELD] = false
    socket.uncork()
  }
}

/** One shared function (not a closure per connection): idle connections stay small. */
function holdingCork(this: Holdable): void {
  if (!this[HELD]) {
    this[HELD] = true
    held.push(this)
    Object.getPrototypeOf(this).cork.call(this)
    if (!releaseScheduled) {
      releaseScheduled = true
      setImmediate(release)
    }
  }
  Object.getPrototypeOf(this).cork.call(this)
}

/** Coalesce the packets written to this TCP socket within one event-loop turn into one write. */
export function coalesceWrites(socket: Socket): void {
  ;(socket as Holdable).cork = holdingCork
}
