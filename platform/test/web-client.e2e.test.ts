import { rmSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildWebClient } from '@tidings/web/build'
import { serveWebClient, type WebServer } from '@tidings/web/serve'
import { launchChromium } from '@tidings/web/testing'
import { ChaosProxy } from './chaos-proxy.ts'
import { connectDevice, startPlatform, tempDir, waitFor } from './helpers.ts'

// The web client (clients/web) in Debian's Chromium, headless: MQTT over WebSocket through a
// proxy the test can cut, REST through the page's own origin, the outbox in IndexedDB.
describe('web client in headless Chromium', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  let proxy: ChaosProxy
  let web: WebServer
  let browser: Browser
  const dist = tempDir('tidings-web-')

  beforeAll(async () => {
    platform = await startPlatform()
    proxy = await ChaosProxy.forUrl(platform.wsUrl)
    await buildWebClient(dist)
    web = await serveWebClient({ dir: dist, apiUrl: platform.httpUrl, port: 0, host: '127.0.0.1' })
    browser = await launchChromium() // installs Debian's chromium on first use
  })

  afterAll(async () => {
    await browser?.close()
    await web?.close()
    await proxy?.close()
    await platform?.cleanup()
    rmSync(dist, { recursive: true, force: true })
  })

  async function openPage(userId: string, chatId: string): Promise<Page> {
    const page = await browser.newPage()
    page.on('pageerror', (err) => console.error(`page error (${userId}):`, err))
    await page.goto(`${web.url}/?user=${userId}&device=web&ws=${encodeURIComponent(proxy.url)}`)
    await page.locator('#status[data-state="online"]').waitFor()
    await page.click(`#chats li[data-chat-id="${chatId}"]`)
    return page
  }

  async function type(page: Page, text: string): Promise<void> {
    await page.fill('#composer input', text)
    await page.press('#composer input', 'Enter')
  }

  /** The page's IndexedDB outbox, read directly. */
  const outboxOf = (page: Page, userId: string) =>
    page.evaluate(
      (name) =>
        new Promise<Array<{ chatId: string; text: string }>>((resolve, reject) => {
          const open = indexedDB.open(name)
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const request = open.result.transaction('entries').objectStore('entries').getAll()
            request.onsuccess = () => {
              open.result.close()
              resolve(
                request.result.map((e: { chatId: string; body: Uint8Array }) => ({
                  chatId: e.chatId,
                  text: new TextDecoder().decode(e.body),
                })),
              )
            }
          }
        }),
      `tidings-outbox-${userId}`,
    )

  it('connects over WebSocket, sends to and receives from a Node SDK peer', async () => {
    const bob = await connectDevice(platform, 'bob', 'phone')
    const dm = await bob.api.createDirectChat('alice')
    const page = await openPage('alice', dm.id)

    await type(page, 'hello from chromium')
    await waitFor(() => bob.received.some((m) => m.text === 'hello from chromium'), 'bob to get it')
    expect(bob.received[0]).toMatchObject({ senderId: 'alice', senderDevice: 'web', seq: 1 })
    await page.locator('#messages li[data-seq="1"]', { hasText: 'hello from chromium' }).waitFor()

    await bob.send(dm.id, 'hello from node')
    await page.locator('#messages li[data-seq="2"]', { hasText: 'hello from node' }).waitFor()
    expect(await page.locator('#messages li.pending').count()).toBe(0)
    expect(await outboxOf(page, 'alice')).toEqual([])
    await Promise.all([page.close(), bob.close()])
  })

  it('a message written offline waits in IndexedDB across a reload and is delivered once, with one seq', async () => {
    const dan = await connectDevice(platform, 'dan', 'phone')
    const dm = await dan.api.createDirectChat('carol')
    const page = await openPage('carol', dm.id)
    const text = 'written offline, sent after a reload'

    proxy.pause('refuse')
    await page.locator('#status[data-state="offline"]').waitFor()
    await type(page, text)
    await page.locator('#messages li.pending', { hasText: text }).waitFor()
    expect(await outboxOf(page, 'carol')).toEqual([{ chatId: dm.id, text }])

    // the app restarts while still offline: the message is read back from IndexedDB
    await page.reload()
    await page.click(`#chats li[data-chat-id="${dm.id}"]`)
    await page.locator('#messages li.pending', { hasText: text }).waitFor()
    await new Promise((r) => setTimeout(r, 300))
    expect(dan.received).toEqual([])

    proxy.heal()
    await page.locator('#messages li[data-seq="1"]', { hasText: text }).waitFor({ timeout: 20_000 })
    expect(await page.locator('#messages li.pending').count()).toBe(0)
    await waitFor(() => dan.received.length > 0, 'dan to get it')
    await new Promise((r) => setTimeout(r, 500)) // a second copy would have arrived by now
    expect(dan.received.map((m) => [m.seq, m.text, m.senderDevice])).toEqual([[1, text, 'web']])
    const log = (await dan.history(dm.id, { after: 0 })).messages
    expect(log.map((m) => [m.seq, m.text])).toEqual([[1, text]])
    expect(await outboxOf(page, 'carol')).toEqual([])
    await Promise.all([page.close(), dan.close()])
  })
})
