import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { outboxStorageCases } from '@tidings/sdk/testing'
import { bundle } from '../src/build.ts'
import { serveWebClient, type WebServer } from '../src/serve.ts'
import { launchChromium } from '../src/testing/chromium.ts'

// The OutboxStorage contract against IndexedDbOutboxStorage in real (Debian) Chromium: each case
// runs inside a page served over http (IndexedDB needs a real origin).
describe('OutboxStorage contract: IndexedDbOutboxStorage in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-idb-contract-'))
  let server: WebServer
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    await bundle(join(import.meta.dirname, 'outbox-contract.entry.ts'), join(dir, 'contract.js'))
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><script type="module" src="./contract.js"></script>',
    )
    server = await serveWebClient({ dir, apiUrl: 'http://127.0.0.1:9', port: 0, host: '127.0.0.1' })
    browser = await launchChromium()
    page = await browser.newPage()
    page.on('pageerror', (err) => console.error('page error:', err))
    await page.goto(server.url)
    await page.waitForFunction(() => 'runOutboxCase' in globalThis)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  for (const c of outboxStorageCases) {
    it(c.name, async () => {
      const outcome = await page.evaluate(
        (name) =>
          (globalThis as unknown as { runOutboxCase(n: string): Promise<string> }).runOutboxCase(name),
        c.name,
      )
      expect(outcome).toBe('passed')
    })
  }
})
