import type { Aedes, Client, ConnectPacket } from 'aedes'
import bl from 'bl'
import type { Logger } from 'pino'

/*
 * Less memory per idle connection (issue 5; docs/benchmarks.md, "Idle connections"). This is the
 * one module that reaches inside Aedes' client, and it relies on Aedes 1.2.0 and the mqtt-packet
 * 9 parser it uses:
 * - `aedes.handle(conn)` returns the new Client; `client._parser` is an mqtt-packet Parser that
 *   buffers in `_list` (a bl BufferListStream: a whole Duplex stream, with its read and write
 *   state, per connection, used only as a list of buffers in `_bufs`), walks the per-instance `_states`
 *   array, calls `_newPacket()` once per complete packet, and keeps the CONNECT packet (with the
 *   token in it) as `settings` for as long as the connection lives.
 * - `client._eos` is the cleanup of `stream.finished(conn, close)`: seven closures per connection.
 * - lib/handlers/connect.js arms a `setTimeout` per client when the CONNECT's `keepalive` > 0,
 *   after `preConnect` ran; with keepalive 0 it arms none. On expiry it emits 'keepaliveTimeout'
 *   on the broker and an error on the client, which closes it (and publishes its will).
 * test/lean-aedes-client.test.ts pins each of these; a client whose shape differs is left as
 * Aedes made it (more memory, same behaviour), and the test fails.
 */

/** Parser fields this module reads or replaces. */
interface LeanParser {
  _list: { length: number; _bufs: Buffer[] }
  _states: string[]
  _newPacket(): boolean
  settings: object
  /** Set by this module: sweeps since the last complete packet, and the limit in ms (0: none). */
  silentSweeps?: number
  silenceLimitMs?: number
}

interface ClientInternals {
  _parser: LeanParser
  _eos: () => void
  _keepaliveTimer: unknown
  conn: Client['conn'] & { client?: Client }
}

const internals = (client: Client) => client as unknown as ClientInternals

/** The parts of bl's BufferList that ParserBufferList builds on. */
interface BufferListInternals {
  length: number
  _bufs: Buffer[]
  get(index: number): number | undefined
}

/**
 * The parser's buffer list. mqtt-packet reads header bytes and lengths with readUInt8/16/32,
 * which bl implements as a copied slice of the list per read (a Buffer per byte read); these
 * read the bytes in place.
 */
class ParserBufferList extends (bl.BufferList as unknown as new () => BufferListInternals) {
  private byteAt(offset: number): number {
    const first = this._bufs[0]!
    return offset < first.length ? first[offset]! : (this.get(offset) as number)
  }

  readUInt8(offset: number): number {
    return this.byteAt(offset)
  }

  readUInt16BE(offset: number): number {
    return (this.byteAt(offset) << 8) | this.byteAt(offset + 1)
  }

  readUInt32BE(offset: number): number {
    return (
      this.byteAt(offset) * 0x1000000 +
      ((this.byteAt(offset + 1) << 16) | (this.byteAt(offset + 2) << 8) | this.byteAt(offset + 3))
    )
  }
}

// The order mqtt-packet's parser walks for every packet; shared instead of an array per parser.
const PARSER_STATES = Object.freeze(['_parseHeader', '_parseLength', '_parsePayload', '_newPacket'])
let parserNewPacket: (() => boolean) | undefined

function isSupported(client: Client | undefined): client is Client {
  const c = client && internals(client)
  const parser = c?._parser
  return (
    typeof c?._eos === 'function' &&
    c._keepaliveTimer === null &&
    parser?._list?.length === 0 &&
    typeof parser._newPacket === 'function' &&
    parser._states?.join() === PARSER_STATES.join()
  )
}

/**
 * `aedes.handle`, with each new client made lighter: the parser's buffer list is a plain
 * BufferList, its state list is shared, one 'close' listener replaces `stream.finished`'s
 * seven, and every complete packet resets the keepalive count that `sweepKeepalive` reads.
 */
export function leanHandle(aedes: Aedes, log: Logger): Aedes['handle'] {
  let warned = false
  return (conn, req) => {
    const client = aedes.handle(conn, req) as unknown as Client | undefined
    if (!isSupported(client)) {
      if (!warned)
        log.warn('Aedes client internals differ from 1.2.0: idle connections keep their default memory')
      warned = true
      return client as unknown as Client
    }
    const { _parser: parser } = internals(client)
    parser._list = new ParserBufferList() as unknown as LeanParser['_list']
    parser._states = PARSER_STATES as string[]
    parserNewPacket ??= (Object.getPrototypeOf(parser) as LeanParser)._newPacket
    parser._newPacket = newPacketHeard
    parser.silentSweeps = 0
    parser.silenceLimitMs = 0
    // stream.finished closes the client when the connection ends, fails or closes early; with
    // Aedes' own 'end' and 'error' listeners in place, 'close' alone covers the rest.
    internals(client)._eos()
    internals(client)._eos = noop
    conn.on('close', closeOwnClient)
    // finished()'s listener had grown the 'end' listener array to 19 slots; rebuild it at two.
    const ends = conn.rawListeners('end') as ((...args: unknown[]) => void)[]
    conn.removeAllListeners('end')
    for (const listener of ends) conn.on('end', listener)
    return client
  }
}

function newPacketHeard(this: LeanParser): boolean {
  this.silentSweeps = 0
  return parserNewPacket!.call(this)
}

function closeOwnClient(this: { client?: Client }) {
  this.client?.close()
}

const noop = () => {}
const settingsByVersion = new Map<string, object>()

/**
 * From `preConnect`: the keepalive becomes this module's to enforce (so Aedes arms no timer for
 * the client), and the parser forgets the CONNECT packet, token included, keeping only what
 * parsing later packets needs. Returns the keepalive asked for, in seconds.
 */
export function adoptConnect(client: Client, packet: ConnectPacket): number {
  const keepalive = packet.keepalive ?? 0
  const parser = internals(client)._parser
  if (parser?.silentSweeps === undefined) return keepalive // not a lean client: Aedes' timer stays
  const { protocolVersion = 4, bridgeMode = false } = packet as {
    protocolVersion?: number
    bridgeMode?: boolean
  }
  const key = `${protocolVersion}/${bridgeMode}`
  let settings = settingsByVersion.get(key)
  if (!settings) settingsByVersion.set(key, (settings = Object.freeze({ protocolVersion, bridgeMode })))
  parser.settings = settings
  // [MQTT-3.1.2-24]: the server closes a client silent for 1.5 keepalives.
  parser.silenceLimitMs = keepalive * 1500
  parser.silentSweeps = 0
  packet.keepalive = 0
  return keepalive
}

/**
 * Called for each connected client once per sweep (every `sweepMs`): counts the sweep, and
 * closes the client as Aedes' own timer would once no packet came for 1.5 keepalives. Sweeps
 * are counted, not clocks compared, so a stalled event loop never closes a client whose ping
 * waits unread in the socket. Returns whether it closed the client.
 */
export function sweepKeepalive(aedes: Aedes, client: Client, sweepMs: number): boolean {
  const parser = internals(client)._parser
  if (parser?.silentSweeps === undefined) return false
  const silent = parser.silentSweeps + 1
  parser.silentSweeps = silent
  // The first sweep after a packet: the parser's emptied buffer list drops its grown array.
  if (silent === 1 && parser._list.length === 0 && parser._list._bufs.length === 0) parser._list._bufs = []
  // Silent for at least (silent - 1) whole sweeps: never before the limit, at most a sweep after.
  if (!parser.silenceLimitMs || (silent - 1) * sweepMs < parser.silenceLimitMs) return false
  parser.silenceLimitMs = 0
  aedes.emit('keepaliveTimeout', client)
  client.emit('error', new Error('keep alive timeout'))
  return true
}
