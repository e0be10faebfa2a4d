import { HttpApi, TidingsClient, type ChatMessage } from '@tidings/sdk'
import { LatencyRecorder, type LatencySummary } from './latency.ts'

export interface MixedDayOptions {
  mqttUrl: string
  httpUrl: string
  users: number
  /** Messages per second over everyone. */
  rate: number
  durationS: number
  /** Users per group; each user is in two groups (and four DMs). */
  groupSize: number
  /** Every this many seconds one online user's network drops (the SDK reconnects and catches up). 0: never. */
  networkDropEveryS: number
  /** Share of users who start offline and open the app during the first half of the day, and who close it during the second half. */
  lateJoiners: number
  leavers: number
  say?: (line: string) => void
}

export interface MixedDayResult {
  users: number
  chats: { direct: number; group: number }
  durationS: number
  offeredPerS: number
  sent: number
  /** Sends the server stored (the SDK's send resolved). */
  stored: number
  /** Copies that reached another member's device, and per second of the day. */
  delivered: number
  deliveredPerS: number
  /** Send → release on the receiving device (SDK onMessage, after ordering and gap-filling). */
  latencyMs: LatencySummary
  lost: number
  duplicates: number
  outOfOrder: number
  typingEvents: { started: number; stopped: number }
  presenceEvents: { online: number; offline: number }
  receipts: { read: number; delivered: number }
  networkDrops: number
  joined: number
  left: number
  errors: number
  firstErrors: string[]
}

interface User {
  id: string
  token: string
  client?: TidingsClient
  chats: string[]
  contacts: string[]
  /** When the user's device was online and synced, and when it closed (ms, performance.now()). */
  joinedAt: number
  leftAt: number
  composing: boolean
  screen?: { chatId: string; leave: () => void }
  /** Per chat, the last seq released to this device. */
  lastSeq: Map<string, number>
  /** Message indexes this device received (duplicates are counted, not stored twice). */
  received: Set<number>
}

interface Sent {
  chatId: string
  sender: number
  at: number
}

/**
 * A day of chat on one platform, through the SDK: users in DMs and groups open a chat, type
 * for a moment (typing indicators to whoever views it), send, and read what arrives (read
 * receipts); they watch their DM contacts' presence; some open the app late, some close it
 * early, and now and then one loses its network and catches up on reconnect. Every message a
 * member's device should get (sent while it was online) is checked: once, in seq order.
 */
export async function runMixedDay(o: MixedDayOptions): Promise<MixedDayResult> {
  const say = o.say ?? (() => {})
  const run = Date.now().toString(36)
  const errors: string[] = []
  const fail = (what: string) => (err: unknown) => void errors.push(`${what}: ${String(err)}`)
  const latency = new LatencyRecorder()
  const sent: Sent[] = []
  const members = new Map<string, number[]>()
  let stored = 0
  let delivered = 0
  let duplicates = 0
  let outOfOrder = 0
  let networkDrops = 0
  const typing = { started: 0, stopped: 0 }
  const presence = { online: 0, offline: 0 }
  const receipts = { read: 0, delivered: 0 }

  const token = async (userId: string) => {
    const res = await fetch(`${o.httpUrl}/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    })
    return ((await res.json()) as { token: string }).token
  }
  const users: User[] = await Promise.all(
    Array.from({ length: o.users }, async (_, i) => {
      const id = `m${run}-${i}`
      return {
        id,
        token: await token(id),
        chats: [],
        contacts: [],
        joinedAt: Infinity,
        leftAt: Infinity,
        composing: false,
        lastSeq: new Map(),
        received: new Set(),
      }
    }),
  )

  // Chats: DMs with the next two users around a ring, and two layers of groups offset by half a group.
  const api = (u: User) => new HttpApi(o.httpUrl, () => u.token)
  const n = users.length
  let directs = 0
  let groups = 0
  for (let i = 0; i < n; i++) {
    for (const step of [1, 2]) {
      const j = (i + step) % n
      if (j === i || (n === 2 && step === 2) || (n === 3 && step === 2 && i > j)) continue
      const chat = await api(users[i]!).createDirectChat(users[j]!.id)
      if (members.has(chat.id)) continue
      members.set(chat.id, [i, j])
      users[i]!.chats.push(chat.id)
      users[j]!.chats.push(chat.id)
      users[i]!.contacts.push(users[j]!.id)
      users[j]!.contacts.push(users[i]!.id)
      directs++
    }
  }
  const size = Math.min(o.groupSize, n)
  for (const offset of [0, Math.floor(size / 2)]) {
    for (let start = offset; start + size <= n + offset && size >= 3; start += size) {
      const ids = Array.from({ length: size }, (_, k) => (start + k) % n)
      const chat = await api(users[ids[0]!]!).createGroup(
        `group ${start}`,
        ids.slice(1).map((k) => users[k]!.id),
      )
      members.set(chat.id, ids)
      for (const k of ids) users[k]!.chats.push(chat.id)
      groups++
    }
  }
  say(`  ${n} users, ${directs} DMs, ${groups} groups`)

  const t0 = performance.now()
  const now = () => performance.now() - t0

  const connect = async (i: number) => {
    const u = users[i]!
    const client = await TidingsClient.connect({
      url: o.mqttUrl,
      apiUrl: o.httpUrl,
      token: u.token,
      userId: u.id,
      deviceId: 'phone',
    })
    client.onMessage((m) => onMessage(i, m))
    client.onTyping((t) => void (t.typing ? typing.started++ : typing.stopped++))
    client.onPresence((p) => void (p.online ? presence.online++ : presence.offline++))
    client.onReceipt((r) => void (r.kind === 'read' ? receipts.read++ : receipts.delivered++))
    client.watchPresence(u.contacts)
    u.client = client
    u.joinedAt = now()
  }

  const onMessage = (i: number, m: ChatMessage) => {
    const u = users[i]!
    const last = u.lastSeq.get(m.chatId) ?? 0
    if (m.seq <= last) duplicates++
    else if (last !== 0 && m.seq !== last + 1) outOfOrder++ // the SDK releases in order, filling gaps
    u.lastSeq.set(m.chatId, Math.max(last, m.seq))
    if (m.senderId === u.id) return // its own copy: the send's ack
    const index = Number(new TextDecoder().decode(m.body))
    if (u.received.has(index)) return void duplicates++
    u.received.add(index)
    const message = sent[index]
    if (message) latency.record(now() - message.at)
    delivered++
    // Read it: at once if the chat is on screen; else half the time the user taps the
    // notification (the chat comes on screen, with its typing), else reads it later or never.
    if (u.screen?.chatId !== m.chatId && !u.composing && u.client && Math.random() < 0.5) {
      u.screen?.leave()
      u.screen = { chatId: m.chatId, leave: u.client.viewChat(m.chatId) }
    }
    if (u.screen?.chatId === m.chatId) setTimeout(() => read(u, m), 100)
    else if (Math.random() < 0.5) setTimeout(() => read(u, m), 1000 + Math.random() * 3000)
  }

  // An SDK call that throws is counted as an error, never allowed to end the run.
  const read = (u: User, m: ChatMessage) => {
    try {
      u.client?.markRead(m.chatId, m.seq)
    } catch (err) {
      fail(`markRead by ${u.id}`)(err)
    }
  }

  /** Sends not settled yet: the day waits for them before closing clients (close() rejects them). */
  const inFlight = new Set<Promise<unknown>>()
  /** Opens a chat, types for a moment, sends, stops typing. */
  const compose = async (i: number) => {
    const u = users[i]!
    const client = u.client!
    u.composing = true
    try {
      const chatId = u.chats[Math.floor(Math.random() * u.chats.length)]!
      if (u.screen?.chatId !== chatId) {
        u.screen?.leave()
        u.screen = { chatId, leave: client.viewChat(chatId) }
      }
      client.setTyping(chatId, true)
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 1200))
      if (u.client !== client) return // closed meanwhile
      const index = sent.length
      sent.push({ chatId, sender: i, at: now() })
      client.setTyping(chatId, false)
      const sending = client.send(chatId, String(index))
      inFlight.add(sending)
      await sending.finally(() => inFlight.delete(sending))
      stored++
    } catch (err) {
      if (u.client === client) fail(`send by ${u.id}`)(err)
    } finally {
      u.composing = false
    }
  }

  // Who is online when: late joiners open the app during the first half, leavers close it during the second.
  const shuffled = users.map((_, i) => i).sort(() => Math.random() - 0.5)
  const late = new Set(shuffled.slice(0, Math.round(o.lateJoiners * n)))
  const leaving = shuffled.slice(late.size, late.size + Math.round(o.leavers * n))
  await Promise.all(users.map((_, i) => (late.has(i) ? undefined : connect(i).catch(fail(`connect ${i}`)))))
  const timers: ReturnType<typeof setTimeout>[] = []
  for (const i of late)
    timers.push(
      setTimeout(() => void connect(i).catch(fail(`late connect ${i}`)), Math.random() * o.durationS * 500),
    )
  for (const i of leaving)
    timers.push(
      setTimeout(
        () => {
          const u = users[i]!
          const client = u.client
          u.client = undefined
          u.leftAt = now()
          client?.close().catch(fail(`close ${i}`))
        },
        (0.5 + Math.random() * 0.5) * o.durationS * 1000,
      ),
    )
  say(`  ${n - late.size} online; the day runs ${o.durationS} s at ${o.rate} messages/s`)

  // The day: compose actions at the offered rate, network drops now and then.
  const start = now()
  let started = 0
  let lastDrop = start
  let lastReport = start
  while (now() - start < o.durationS * 1000) {
    const t = now()
    const due = Math.floor(((t - start) / 1000) * o.rate) - started
    for (let k = 0; k < due; k++) {
      started++
      const online = users.map((u, i) => (u.client && !u.composing ? i : -1)).filter((i) => i >= 0)
      if (online.length) void compose(online[Math.floor(Math.random() * online.length)]!)
    }
    if (o.networkDropEveryS > 0 && t - lastDrop >= o.networkDropEveryS * 1000) {
      lastDrop = t
      const online = users.filter((u) => u.client)
      const victim = online[Math.floor(Math.random() * online.length)]
      // A phone losing its network: the socket dies under the SDK, which reconnects and syncs.
      const stream = (victim?.client as unknown as { mqtt?: { stream?: { destroy(): void } } })?.mqtt?.stream
      if (stream) {
        stream.destroy()
        networkDrops++
      }
    }
    if (t - lastReport >= 5000) {
      lastReport = t
      say(
        `  ${((t - start) / 1000).toFixed(0)} s: sent ${sent.length}, delivered ${delivered}, errors ${errors.length}`,
      )
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  const end = now()
  for (const timer of timers) clearTimeout(timer)

  // Expected: every message sent while the member's device was online and synced (with 3 s of
  // margin before a leaver closed), to every member but the sender.
  const expected = () => {
    let total = 0
    let got = 0
    for (let index = 0; index < sent.length; index++) {
      const m = sent[index]!
      for (const k of members.get(m.chatId)!) {
        const u = users[k]!
        if (k === m.sender || m.at <= u.joinedAt || m.at >= u.leftAt - 3000) continue
        total++
        if (u.received.has(index)) got++
      }
    }
    return { total, got }
  }
  // Let the last sends land: until nothing is missing, or 10 s without progress.
  for (let idle = 0, last = -1; idle < 10_000; idle += 200) {
    const { total, got } = expected()
    if (got === total) break
    if (got !== last) idle = 0
    last = got
    await new Promise((r) => setTimeout(r, 200))
  }
  const { total, got } = expected()
  // Sends whose members were all offline count for nothing above: let them settle too.
  await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 10_000).unref())])
  // A client that cannot close within 5 s is an error, not a hung run. Compositions still typing
  // see their client gone and never send (close() would refuse their send).
  await Promise.all(
    users.map((u) => {
      const client = u.client
      u.client = undefined
      return client
        ? Promise.race([
            client.close(),
            new Promise((_, reject) => setTimeout(() => reject(new Error('close timed out')), 5_000).unref()),
          ]).catch(fail(`close ${u.id}`))
        : undefined
    }),
  )
  return {
    users: n,
    chats: { direct: directs, group: groups },
    durationS: (end - start) / 1000,
    offeredPerS: o.rate,
    sent: sent.length,
    stored,
    delivered,
    deliveredPerS: delivered / ((end - start) / 1000),
    latencyMs: latency.summary(),
    lost: total - got,
    duplicates,
    outOfOrder,
    typingEvents: typing,
    presenceEvents: presence,
    receipts,
    networkDrops,
    joined: late.size,
    left: leaving.length,
    errors: errors.length,
    firstErrors: errors.slice(0, 5),
  }
}
