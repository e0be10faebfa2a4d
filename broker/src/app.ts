// First: mqtt-packet (loaded by Aedes) must find the quiet debug factory (quiet-debug.ts).
import './quiet-debug.ts'
import { Aedes, type AedesOptions, type AuthenticateError, type Client, type PublishPacket } from 'aedes'
import { Socket } from 'node:net'
import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import type { InboundLog } from '@tidings/bridge/inbound'
import {
  asBuffer,
  decodeClientEnvelope,
  deviceTopic,
  encodeErrorEvent,
  encodeServerEnvelope,
  ErrorCode,
  inboxTopic,
  isTidingsError,
  MAX_PACKET_BYTES,
  outboxTopic,
  parseClientId,
  parseInterestTopic,
  type tidings,
  TidingsError,
  validatePresenceQuery,
  validateReceipt,
  validateSend,
  validateTyping,
} from '@tidings/proto'
import { disableClientDedupe, limitPacketSize, skipRoutingOfClientPublishes } from './aedes-workarounds.ts'
import { adoptConnect, leanHandle, sweepKeepalive } from './lean-aedes-client.ts'
import type { TokenService } from './auth/tokens.ts'
import type { BrokerChats } from './broker-chats.ts'
import { BrokerMetrics } from './broker-metrics.ts'
import { DeliveryGate } from './delivery-gate.ts'
import { DeliveryLatency, tapPubacks } from './delivery-latency.ts'
import { TypingRelay } from './ephemeral/typing-relay.ts'
import { PresenceService, type PresenceOptions } from './presence/presence-service.ts'
import type { PresenceStore } from './presence/presence-store.ts'
import { Session } from './session.ts'
import { installPacketWriter } from './packet-writer.ts'
import { coalesceWrites } from './write-coalescing.ts'

export interface BrokerDeps {
  tokens: TokenService
  inbound: InboundLog
  /** Membership and settings, read for typing and presence (the bridge owns the writes). */
  chats: BrokerChats
  /** Presence shared by the brokers of a cluster (in memory when embedded). */
  presence: PresenceStore
  log: Logger
  /** Cluster mode passes mqemitter-redis and aedes-persistence-redis; embedded uses Aedes' in-memory ones. */
  aedes?: Pick<AedesOptions, 'mq' | 'persistence' | 'id'>
  /** prom-client registry the broker's metrics go to (served at /metrics by the process). */
  metrics?: Registry
}

export interface BrokerOptions {
  maxBodyBytes: number
  maxPacketBytes?: number
  /** Deliveries waiting for a socket before PUBACKs are held back (backpressure). */
  maxPendingDeliveries?: number
  presence?: PresenceOptions
  /** How long a typing indicator lasts unless repeated. Default TYPING_TTL_MS. */
  typingTtlMs?: number
}

export interface Broker {
  /** Give it a TCP socket or a WebSocket stream. */
  handle: Aedes['handle']
  /** Publish a server envelope to a topic, to whichever devices are subscribed on any node. */
  publish(topic: string, payload: Uint8Array): Promise<void>
  readonly connectedClients: number
  readonly aedes: Aedes
  /** A chat's membership changed somewhere: devices no longer members stop getting its typing at once. */
  rosterChanged(chatId: string): void
  close(): Promise<void>
}

/** Presence TTL of a connection whose client sent keepalive 0 (no PINGREQs). */
const NO_KEEPALIVE_TTL_MS = 5 * 60_000

/** How often the broker walks its connections (keepalive, token expiry). */
const SWEEP_MS = 1_000

// Bodies are checked exactly after decoding; this only spares decoding obvious floods.
const ENVELOPE_SLACK_BYTES = 4096

const authError = (message: string, returnCode: AuthenticateError['returnCode']): AuthenticateError =>
  Object.assign(new Error(message), { returnCode })

/**
 * An Aedes node speaking the Tidings contract: JWT on CONNECT, client id `<userId>/<deviceId>`,
 * subscriptions limited to the user's own inbox topics (subscribed for the device at CONNECT),
 * publishes accepted only on `s/<userId>`, and every valid request durably handed to the inbound
 * log before its PUBACK. Bad requests are answered with an error event, never a disconnect.
 */
export async function createBroker(deps: BrokerDeps, options: BrokerOptions): Promise<Broker> {
  const { tokens, inbound, chats, log } = deps
  const sessions = new WeakMap<Client, Session>()
  const keepalives = new WeakMap<Client, number>()
  let connections = 0
  const gate = new DeliveryGate(options.maxPendingDeliveries ?? 20_000)
  const maxPacketBytes = options.maxPacketBytes ?? MAX_PACKET_BYTES
  const metrics = new BrokerMetrics(deps.metrics, () => aedes.connectedClients)
  const latency = new DeliveryLatency(metrics.deliveryLatency)

  const aedes = await Aedes.createBroker({
    ...deps.aedes,
    // Aedes' mqemitter queues emits past `concurrency`; the PUBACK precedes routing, so the
    // queue would grow without bound. Let it run wide and bound it with the DeliveryGate.
    concurrency: 100_000,
    maxClientsIdLength: 129, // 64-char user id + '/' + 64-char device id
    preConnect(client, packet, callback) {
      // Keepalive is enforced by the sweep below, not by a timer per client (idle memory).
      keepalives.set(client, adoptConnect(client, packet))
      callback(null, true)
    },
    authenticate(client, _username, password, authenticated) {
      const done = (err: AuthenticateError | null, ok: boolean) => {
        if (err) metrics.connectsRefused.inc({ returnCode: String(err.returnCode) })
        authenticated(err, ok)
      }
      const identity = parseClientId(client.id)
      if (!identity) return done(authError('client id must be <userId>/<deviceId>', 2), false)
      if (!password) return done(authError('password must be a token', 4), false)
      tokens.verify(password.toString('utf8')).then(
        ({ userId, expiresAt }) => {
          if (userId !== identity.userId)
            return done(authError(`token is not for ${identity.userId}`, 5), false)
          // A connection counts as live for 1.5 keepalives (when the sweep drops a silent client) plus slack.
          const keepalive = keepalives.get(client) ?? 0
          keepalives.delete(client)
          const ttlMs = keepalive > 0 ? keepalive * 1500 + 5_000 : NO_KEEPALIVE_TTL_MS
          const connectionId = `${aedes.id}:${++connections}`
          const session = new Session(
            identity.userId,
            identity.deviceId,
            connectionId,
            ttlMs,
            expiresAt ?? Infinity,
            log,
          )
          sessions.set(client, session)
          done(null, true)
        },
        (err: unknown) => {
          log.info(
            { clientId: client.id, code: isTidingsError(err) ? err.code : 'UNKNOWN' },
            'connect refused',
          )
          done(authError(isTidingsError(err) ? err.code : 'token is invalid', 4), false)
        },
      )
    },
    authorizeSubscribe(client, subscription, done) {
      const session = sessions.get(client)
      if (!session) return done(null, null)
      const own = [inboxTopic(session.userId), deviceTopic(session.userId, session.deviceId)]
      if (own.includes(subscription.topic))
        return done(null, { ...subscription, qos: Math.min(subscription.qos, 1) as 0 | 1 })
      const refuse = () => done(null, null) // SUBACK 0x80, no disconnect
      const interest = parseInterestTopic(subscription.topic)
      if (!interest) return refuse()
      // Typing and presence are ephemeral: QoS 0, whatever was asked.
      const grant = () => done(null, { ...subscription, qos: 0 })
      const failed = (err: unknown) => {
        session.log.warn({ err: String(err), topic: subscription.topic }, 'subscribe check failed')
        refuse()
      }
      if (interest.kind === 'typing') {
        typing.watch(session, interest.chatId).then((ok) => (ok ? grant() : refuse()), failed)
      } else {
        presence
          .visible(session.userId, [interest.userId])
          .then((visible) => (visible.length ? grant() : refuse()), failed)
      }
    },
    // Called for every delivery: counts it, and re-checks typing (membership may have ended since SUBSCRIBE).
    authorizeForward(client, packet) {
      const topic = packet.topic
      if (topic.startsWith('t/')) {
        if (!typing.mayForward(sessions.get(client), topic.slice(2))) return null
        metrics.delivered.typing.inc()
      } else if (topic.startsWith('p/')) metrics.delivered.presence.inc()
      else {
        metrics.delivered.inbox.inc()
        return latency.forwarded(client, packet)
      }
      return packet
    },
    authorizePublish(client, packet, done) {
      const session = client && sessions.get(client)
      if (!client) return done(null) // the server's own publishes
      if (!session) return done(new Error('publish before authentication'))
      presence.touch(session)
      // Aedes runs this hook concurrently for the packets of one socket read; Session
      // orders the work, so records reach the log and PUBACKs leave in arrival order.
      session.inOrder(
        () => accept(client, session, packet),
        () => gate.whenOpen(),
        (err) => done(err ?? null),
      )
    },
  })
  skipRoutingOfClientPublishes(aedes)
  installPacketWriter()
  tapPubacks(aedes, (client, messageId) => latency.acked(client, messageId))
  const typing = new TypingRelay(
    chats,
    (topic, payload) => publishEphemeral(topic, payload),
    options.typingTtlMs,
  )
  const presence = new PresenceService(
    deps.presence,
    chats,
    (topic, payload) => publishEphemeral(topic, payload),
    log,
    options.presence,
  )

  aedes.on('client', (client) => {
    disableClientDedupe(client)
    limitPacketSize(client, maxPacketBytes)
    const conn = (client as unknown as { conn: unknown }).conn
    if (conn instanceof Socket) coalesceWrites(conn) // TCP; a WebSocket stream frames each write anyway
  })
  // After CONNACK is written and before the client's queued packets are released: subscribe the
  // device to its inboxes (Messenger-style, no SUBSCRIBE round trip) and hold its publishes until
  // both subscriptions are live, so the answer to its first request cannot be missed.
  aedes.on('clientReady', (client) => {
    const session = sessions.get(client)
    if (!session) return
    // One topic per subscribe call: a multi-topic subscribe of a persistent session never
    // completes with aedes-persistence-redis (DESIGN, Aedes defect list).
    const subscribe = (topic: string) =>
      new Promise<void>((resolve, reject) =>
        client.subscribe({ topic, qos: 1 } as never, (err?: Error) => (err ? reject(err) : resolve())),
      )
    session.markReady(
      subscribe(inboxTopic(session.userId)).then(() =>
        subscribe(deviceTopic(session.userId, session.deviceId)),
      ),
    )
    presence.heartbeat(session)
  })
  aedes.on('ping', (_packet, client) => {
    const session = sessions.get(client)
    if (session) presence.heartbeat(session)
  })
  aedes.on('clientDisconnect', (client) => {
    latency.forget(client)
    const session = sessions.get(client)
    if (!session) return
    presence.disconnect(session)
    typing.forget(session)
  })
  aedes.on('unsubscribe', (topics, client) => {
    const session = sessions.get(client)
    if (!session) return
    for (const topic of topics) {
      const interest = parseInterestTopic(topic)
      if (interest?.kind === 'typing') typing.unwatch(session, interest.chatId)
    }
  })

  /** The current presence of the users asked for that the device may see, one event each. */
  async function answerPresence(client: Client, session: Session, userIds: string[]): Promise<void> {
    for (const state of await presence.query(session.userId, userIds)) {
      const event = { presence: { userId: state.userId, online: state.online, lastSeenAt: state.lastSeenAt } }
      sendToClient(client, deviceTopic(session.userId, session.deviceId), encodeServerEnvelope(event), 0)
    }
  }

  /** QoS 0 through the cluster: whoever subscribed, on any broker. */
  function publishEphemeral(topic: string, payload: Uint8Array): void {
    aedes.publish(
      { cmd: 'publish', topic, payload: asBuffer(payload), qos: 0, retain: false, dup: false },
      (err) => {
        if (err) log.debug({ err: err.message, topic }, 'ephemeral publish failed')
      },
    )
  }
  // One sweep a second over this broker's connections instead of timers each (idle memory):
  // a client silent for 1.5 keepalives is closed, as MQTT requires; a connection whose token
  // expired gets TOKEN_EXPIRED on its device topic and is closed (its next CONNECT needs a
  // fresh token).
  const connectionSweep = setInterval(() => {
    const now = Date.now()
    // Aedes keeps its connected clients in `clients` (not in its type declarations).
    for (const client of Object.values((aedes as unknown as { clients: Record<string, Client> }).clients)) {
      if (sweepKeepalive(aedes, client, SWEEP_MS)) continue
      const session = sessions.get(client)
      if (!session || session.tokenExpiresAt > now) continue
      sessions.delete(client)
      const expired = new TidingsError(
        ErrorCode.TOKEN_EXPIRED,
        'your token has expired: connect again with a new one',
      )
      client.publish(
        {
          cmd: 'publish',
          topic: deviceTopic(session.userId, session.deviceId),
          payload: asBuffer(encodeErrorEvent(expired, session.deviceId)),
          qos: 0,
          retain: false,
          dup: false,
        },
        () => client.close(),
      )
      presence.disconnect(session)
      typing.forget(session)
      session.log.info('token expired: connection closed')
    }
  }, SWEEP_MS)
  connectionSweep.unref()

  aedes.on('clientError', (client, err) =>
    (sessions.get(client)?.log ?? log).debug({ clientId: client.id, err: err.message }, 'client error'),
  )
  aedes.on('connectionError', (_client, err) => log.debug({ err: err.message }, 'connection error'))

  /** The work behind one PUBLISH; resolves when it may be PUBACKed, rejects to drop the connection. */
  async function accept(client: Client, session: Session, packet: PublishPacket): Promise<void> {
    const payload = packet.payload as Buffer
    let envelope: tidings.v1.ClientEnvelope | undefined
    try {
      if (packet.topic !== outboxTopic(session.userId)) {
        throw new TidingsError(
          ErrorCode.FORBIDDEN_TOPIC,
          `publish to ${outboxTopic(session.userId)}, not ${packet.topic}`,
        )
      }
      if (payload.length > options.maxBodyBytes + ENVELOPE_SLACK_BYTES) {
        throw new TidingsError(
          ErrorCode.PAYLOAD_TOO_LARGE,
          `payload is ${payload.length} bytes, the body limit is ${options.maxBodyBytes}`,
        )
      }
      try {
        envelope = decodeClientEnvelope(payload)
      } catch (err) {
        throw new TidingsError(
          ErrorCode.MALFORMED_PAYLOAD,
          `not a tidings.v1.ClientEnvelope: ${(err as Error).message}`,
        )
      }
      switch (envelope.event) {
        case 'send':
          validateSend(envelope.send!, options)
          break
        case 'receipt':
          validateReceipt(envelope.receipt!)
          break
        case 'sync':
          break
        // Ephemeral: answered here, never logged or stored.
        case 'typing':
          await typing.relay(session, validateTyping(envelope.typing!))
          return
        case 'presenceQuery':
          await answerPresence(client, session, validatePresenceQuery(envelope.presenceQuery!))
          return
        default:
          throw new TidingsError(
            ErrorCode.UNSUPPORTED_EVENT,
            `event ${envelope.event ?? '(none)'} is not supported`,
          )
      }
    } catch (err) {
      if (!isTidingsError(err)) throw err
      // Accepted (PUBACK) but refused: nothing stored, the device learns why.
      metrics.refused.inc({ code: err.code })
      return replyError(client, session, err, envelope?.send ?? undefined)
    }
    // The durable hand-off: only after this may the client's PUBACK go out.
    await inbound.append({
      userId: session.userId,
      deviceId: session.deviceId,
      // A chat's sends and receipts stay in order; other requests only need the user's own order.
      key:
        envelope.event === 'send'
          ? envelope.send!.chatId!
          : envelope.event === 'receipt'
            ? envelope.receipt!.chatId!
            : session.userId,
      receivedAt: Date.now(),
      payload,
      decoded: envelope,
    })
    metrics.accepted.inc({ event: envelope.event ?? 'none' })
  }

  function replyError(client: Client, session: Session, err: TidingsError, send?: tidings.v1.ISendMessage) {
    sendToClient(
      client,
      deviceTopic(session.userId, session.deviceId),
      encodeErrorEvent(err, session.deviceId, send),
    )
  }

  /** Straight to this connection, bypassing routing: answers concern the device that asked. */
  function sendToClient(client: Client, topic: string, payload: Uint8Array, qos: 0 | 1 = 1): void {
    client.publish(
      { cmd: 'publish', topic, payload: asBuffer(payload), qos, retain: false, dup: false },
      (err) => {
        if (err) sessions.get(client)?.log.debug({ err: err.message }, 'answer not delivered')
      },
    )
  }

  return {
    handle: leanHandle(aedes, log),
    get connectedClients() {
      return aedes.connectedClients
    },
    aedes,
    rosterChanged(chatId) {
      typing
        .rosterChanged(chatId)
        .catch((err: unknown) => log.warn({ err: String(err), chatId }, 'typing re-check failed'))
    },
    publish(topic, payload) {
      gate.acquire()
      return new Promise<void>((resolve, reject) => {
        aedes.publish(
          { cmd: 'publish', topic, payload: asBuffer(payload), qos: 1, retain: false, dup: false },
          (err) => {
            gate.release()
            if (err) reject(err)
            else resolve()
          },
        )
      })
    },
    async close() {
      clearInterval(connectionSweep)
      presence.close()
      await new Promise<void>((resolve) => aedes.close(() => resolve()))
    },
  }
}
