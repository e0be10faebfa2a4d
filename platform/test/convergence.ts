import { expect } from 'vitest'
import { TidingsClient, type ChatMessage, type SendResult } from '@tidings/sdk'
import { ChaosProxy } from './chaos-proxy.ts'
import { devToken, range, waitFor } from './helpers.ts'

/** Helpers shared by the convergence tests (embedded and cluster): devices behind chaos proxies and log checks. */

export interface ChaosDevice extends TidingsClient {
  proxy: ChaosProxy
  /** Per chat, every message onMessage released, in release order. */
  logs: Map<string, ChatMessage[]>
  /** Every send this device started: settled once, with its result or error. */
  sends: Array<{ chatId: string; text: string; settled: number; result?: SendResult; error?: unknown }>
  sendTracked(chatId: string, text: string): Promise<void>
}

/** An SDK device connected through its own chaos proxy in front of `brokerUrl`. */
export async function chaosDevice(
  brokerUrl: string,
  httpUrl: string,
  userId: string,
  deviceId: string,
  random: () => number,
): Promise<ChaosDevice> {
  const proxy = await ChaosProxy.forUrl(brokerUrl, { random })
  const client = await TidingsClient.connect({
    url: proxy.url,
    apiUrl: httpUrl,
    token: await devToken(httpUrl, userId),
    userId,
    deviceId,
    ackTimeoutMs: 1000,
    maxSendAttempts: 1000,
    syncTimeoutMs: 3000,
  })
  const logs = new Map<string, ChatMessage[]>()
  client.onMessage((m) => {
    if (!logs.has(m.chatId)) logs.set(m.chatId, [])
    logs.get(m.chatId)!.push(m)
  })
  const sends: ChaosDevice['sends'] = []
  const sendTracked = async (chatId: string, text: string) => {
    const entry: ChaosDevice['sends'][number] = { chatId, text, settled: 0 }
    sends.push(entry)
    try {
      entry.result = await client.send(chatId, text)
    } catch (error) {
      entry.error = error
    } finally {
      entry.settled++
    }
  }
  return Object.assign(client, { proxy, logs, sends, sendTracked })
}

/** Every message of a chat, through the REST API, oldest first. */
export async function wholeLog(client: TidingsClient, chatId: string): Promise<ChatMessage[]> {
  const all: ChatMessage[] = []
  for (;;) {
    const page = await client.history(chatId, { after: all.at(-1)?.seq ?? 0, limit: 200 })
    all.push(...page.messages)
    if (!page.hasMore) return all
  }
}

const fingerprint = (m: ChatMessage) => `${m.seq}|${m.senderId}/${m.senderDevice}|${m.clientMsgId}|${m.text}`

/** Waits until every device released as many messages of the chat as history holds. */
export async function waitForConvergence(
  devices: ChaosDevice[],
  chatId: string,
  what: string,
  timeoutMs = 20_000,
): Promise<ChatMessage[]> {
  const history = await wholeLog(devices[0]!, chatId)
  await waitFor(
    () => devices.every((d) => (d.logs.get(chatId)?.length ?? 0) >= history.length),
    `${what}: every device to release ${history.length} messages (have ${devices
      .map((d) => `${d.userId}/${d.deviceId}=${d.logs.get(chatId)?.length ?? 0}`)
      .join(', ')})`,
    timeoutMs,
  )
  return history
}

/**
 * The chat's log on every device is 1..last, no gap, no duplicate, identical on every device,
 * and the same as history; the log holds every successful send once.
 */
export function expectConverged(devices: ChaosDevice[], chatId: string, history: ChatMessage[]): void {
  expect(history.map((m) => m.seq)).toEqual(range(history.length))
  expect(new Set(history.map((m) => m.clientMsgId)).size).toBe(history.length)
  for (const d of devices)
    expect(d.logs.get(chatId)?.map(fingerprint), `${d.userId}/${d.deviceId}`).toEqual(
      history.map(fingerprint),
    )
  const bySeq = new Map(history.map((m) => [m.seq, m]))
  for (const d of devices)
    for (const s of d.sends.filter((s) => s.chatId === chatId))
      expect(bySeq.get(s.result!.seq)).toMatchObject({
        clientMsgId: s.result!.clientMsgId,
        senderId: d.userId,
        senderDevice: d.deviceId,
        text: s.text,
      })
}

/** Every send settled exactly once, and with a seq. */
export function expectAllSendsSettled(devices: ChaosDevice[]): void {
  for (const d of devices) {
    expect(
      d.sends.filter((s) => s.settled !== 1 || !s.result),
      `${d.userId}/${d.deviceId}`,
    ).toEqual([])
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Lets the chaos run for `ms`, heals every proxy, waits for the send streams; returns the cuts made. */
export async function healAfter(
  ms: number,
  devices: ChaosDevice[],
  streams: Promise<unknown>[],
  seed: number,
): Promise<number> {
  await sleep(ms)
  const cuts = devices.reduce((n, d) => n + d.proxy.stats.cuts, 0)
  for (const d of devices) d.proxy.heal()
  await Promise.all(streams)
  console.log(`seed ${seed}: ${cuts} connections cut while sending`)
  return cuts
}
