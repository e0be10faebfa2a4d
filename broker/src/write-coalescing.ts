import type { Socket } from 'node:net'
import { Writable } from 'node:stream'
import { holdForTurn } from '@tidings/bridge/hold-for-turn'

// mqtt-packet corks a socket for one packet and uncorks it on the next tick: one writev system
// call per packet. A sender's PUBACK and its own copy, and everything else one connection gets in
// an event-loop turn, go out in one call instead: the first cork of a turn also takes a hold on
// the socket until the turn ends.

/** One shared function (not a closure per connection): idle connections stay small. */
function holdingCork(this: Socket): void {
  holdForTurn(this)
  Writable.prototype.cork.call(this) // the caller's own cork, which it uncorks itself
}

/** Coalesce the packets written to this TCP socket within one event-loop turn into one write. */
export function coalesceWrites(socket: Socket): void {
  socket.cork = holdingCork
}
