// Bundled for the browser by indexeddb-outbox-storage.browser.test.ts: runs one contract case in the page.
import { IndexedDbOutboxStorage } from '@tidings/sdk'
import { outboxStorageCases, type OutboxStorageFactory } from '@tidings/sdk/testing'

let databases = 0
const factory: OutboxStorageFactory = {
  create: async () => new IndexedDbOutboxStorage(`tidings-contract-${++databases}`),
  reopen: async (closed) => new IndexedDbOutboxStorage((closed as IndexedDbOutboxStorage).databaseName),
}

async function runOutboxCase(name: string): Promise<string> {
  const found = outboxStorageCases.find((c) => c.name === name)
  if (!found) return `no case named ${name}`
  const skipped = found.skip?.(factory)
  if (skipped) return `skipped: ${skipped}`
  try {
    await found.run(factory)
    return 'passed'
  } catch (err) {
    return `failed: ${(err as Error).message}`
  }
}

Object.assign(globalThis, { runOutboxCase })
