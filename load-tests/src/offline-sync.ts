import { TidingsClient, devToken, type ChatMessage } from '@tidings/sdk'
import { f1 } from './report.ts'
import { forEachLimited } from './targets/clients.ts'
import { CuttableProxy } from './tcp-proxy.ts'

export interface OfflineSyncOptions {
  /** Chats the offline device is in (1:1 chats, one other user each). */
  chats: number
  /** Messages sent to the device while it is offline, per round, spread evenly over the chats. */
  messages: number
  rounds: number
  /** The device stays offline at least this long (the SDK's backoff grows with the outage). */
  minOfflineMs: number
  /** How long a round may take to catch up before its missing messages are counted. */
  timeoutMs: number
  /** Tell the SDK the network is back (`reconnectNow()`), as an app with a connectivity callback would. */
  notifyNetwork?: boolean
  progress?: (line: string) => void
}

export interface OfflineRound {
  round: number
  /** Cut → restore. */
  offlineMs: number
  /** The SDK's reconnect attempts refused while offline. */
  attemptsWhileOffline: number
  /** Restore → the server's CONNACK reached the device (the SDK's jittered backoff is most of it). */
  reconnectMs: number
  /** Restore → the last of the round's messages released through onMessage. */
  fromRestoreMs: number
  /** CONNACK → the last message released: the SDK's sync and history fill alone. */
  fromReconnectMs: number
  released: number
  missing: number
}

export interface OfflineSyncResult {
  chats: number
  messagesPerRound: number
  rounds: OfflineRound[]
  /** Over all rounds and the live warm-up: releases of an already released (chat, seq). */
  duplicates: number
  /** Releases that skipped a seq or went backwards in their chat. */
  outOfOrder: number
  fromRestoreMs: { p50: number; max: number }
  fromReconnectMs: { p50: number; max: number }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN

/**
 * The offline-sync scenario: an SDK device in `chats` chats loses its network (a proxy between
 * it and the platform is cut; the SDK is not told), the other members send `messages` messages,
 * the network returns, and we time how long the SDK's own reconnect + sync + history fill takes
 * to release every one of them through `onMessage`, gap-free, in order, once.
 */
export async function runOfflineSync(
  at: { mqttUrl: string; httpUrl: string },
  o: OfflineSyncOptions,
): Promise<OfflineSyncResult> {
  const say = o.progress ?? (() => {})
  const run = Date.now().toString(36)
  const me = `o${run}-me`
  const peers: TidingsClient[] = []
  const chatIds: string[] = []
  await forEachLimited(o.chats, 10, async (i) => {
    const userId = `o${run}-p${i}`
    const peer = await TidingsClient.connect({
      url: at.mqttUrl,
      apiUrl: at.httpUrl,
      token: await devToken(at.httpUrl, userId),
      userId,
      deviceId: 'bench',
    })
    peers[i] = peer
    chatIds[i] = (await peer.api.createDirectChat(me)).id
  })

  const mqttProxy = await CuttableProxy.start(at.mqttUrl)
  const httpProxy = await CuttableProxy.start(at.httpUrl)
  const device = await TidingsClient.connect({
    url: mqttProxy.url,
    apiUrl: httpProxy.url,
    token: await devToken(at.httpUrl, me),
    userId: me,
    deviceId: 'phone',
  })

  const releasedSeq = new Map<string, number>()
  const seen = new Set<string>() // every client_msg_id released so far
  let pending = new Set<string>()
  let allReleased: (() => void) | undefined
  let duplicates = 0
  let outOfOrder = 0
  device.onMessage((m: ChatMessage) => {
    const last = releasedSeq.get(m.chatId) ?? 0
    if (m.seq <= last) return void duplicates++
    if (m.seq !== last + 1) outOfOrder++
    releasedSeq.set(m.chatId, m.seq)
    seen.add(m.clientMsgId)
    if (pending.delete(m.clientMsgId) && pending.size === 0) allReleased?.()
  })
  /** Sends `count` messages spread over the chats and returns their client_msg_ids once all are stored. */
  const sendRound = async (count: number, tag: string) => {
    const ids: string[] = []
    await Promise.all(
      peers.map(async (peer, i) => {
        for (let k = i; k < count; k += peers.length)
          ids.push((await peer.send(chatIds[i]!, `${tag} ${k}`)).clientMsgId)
      }),
    )
    return ids
  }
  const waitReleased = (ids: string[]) => {
    pending = new Set(ids.filter((id) => !seen.has(id))) // live ones may arrive before their send resolves
    return Promise.race([
      new Promise<boolean>((resolve) => {
        allReleased = () => resolve(true)
        if (pending.size === 0) resolve(true)
      }),
      sleep(o.timeoutMs).then(() => false),
    ])
  }

  const rounds: OfflineRound[] = []
  try {
    // Online first: one message per chat through the live path, so every chat has started.
    say(`  live warm-up: 1 message in each of ${o.chats} chats`)
    if (!(await waitReleased(await sendRound(o.chats, 'warm-up'))))
      throw new Error(`live warm-up: ${pending.size} messages never reached the device`)
    for (let round = 1; round <= o.rounds; round++) {
      mqttProxy.cut()
      httpProxy.cut()
      const cutAt = performance.now()
      const ids = await sendRound(o.messages, `round ${round}`)
      await sleep(Math.max(0, cutAt + o.minOfflineMs - performance.now()))
      const attempts = mqttProxy.refused
      const released = waitReleased(ids)
      httpProxy.restore()
      mqttProxy.restore()
      const restoredAt = performance.now()
      if (o.notifyNetwork) device.reconnectNow()
      const complete = await released
      const doneAt = performance.now()
      const connackAt = mqttProxy.firstReplyAfterRestore ?? NaN
      rounds.push({
        round,
        offlineMs: restoredAt - cutAt,
        attemptsWhileOffline: attempts,
        reconnectMs: connackAt - restoredAt,
        fromRestoreMs: complete ? doneAt - restoredAt : NaN,
        fromReconnectMs: complete ? doneAt - connackAt : NaN,
        released: ids.length - pending.size,
        missing: pending.size,
      })
      const r = rounds.at(-1)!
      say(
        `  round ${round}: offline ${f1(r.offlineMs)} ms (${r.attemptsWhileOffline} reconnect attempts), ` +
          `reconnected after ${f1(r.reconnectMs)} ms, all ${ids.length} released ${f1(r.fromRestoreMs)} ms after restore ` +
          `(${f1(r.fromReconnectMs)} ms after CONNACK), missing ${r.missing}`,
      )
      await sleep(500) // let the device settle before the next outage
    }
  } finally {
    await Promise.all([device.close(), ...peers.map((p) => p.close())])
    await Promise.all([mqttProxy.close(), httpProxy.close()])
  }
  const restore = rounds.map((r) => r.fromRestoreMs)
  const reconnect = rounds.map((r) => r.fromReconnectMs)
  return {
    chats: o.chats,
    messagesPerRound: o.messages,
    rounds,
    duplicates,
    outOfOrder,
    fromRestoreMs: { p50: median(restore), max: Math.max(...restore) },
    fromReconnectMs: { p50: median(reconnect), max: Math.max(...reconnect) },
  }
}

export function offlineSyncTable(r: OfflineSyncResult): string {
  return [
    '| round | offline ms | reconnect attempts while offline | restore → CONNACK ms | restore → all released ms | CONNACK → all released ms | released | missing |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.rounds.map(
      (x) =>
        `| ${x.round} | ${f1(x.offlineMs)} | ${x.attemptsWhileOffline} | ${f1(x.reconnectMs)} | ${f1(x.fromRestoreMs)} | ${f1(x.fromReconnectMs)} | ${x.released} | ${x.missing} |`,
    ),
    '',
    `From restore: p50 ${f1(r.fromRestoreMs.p50)} ms, max ${f1(r.fromRestoreMs.max)} ms. ` +
      `From CONNACK: p50 ${f1(r.fromReconnectMs.p50)} ms, max ${f1(r.fromReconnectMs.max)} ms. ` +
      `Duplicates ${r.duplicates}, out of order or gaps ${r.outOfOrder} (every release of every round, warm-up included).`,
  ].join('\n')
}
