import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { MemoryOutboxStorage } from '../src/index.ts'
import { FileOutboxStorage } from '../src/node.ts'
import { outboxStorageContract } from '../src/testing/outbox-storage.contract.ts'

outboxStorageContract({ name: 'MemoryOutboxStorage', create: async () => new MemoryOutboxStorage() })

const dir = mkdtempSync(join(tmpdir(), 'tidings-outbox-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0
outboxStorageContract({
  name: 'FileOutboxStorage',
  create: async () => new FileOutboxStorage(join(dir, `nested/outbox-${++files}.json`)),
  reopen: async (closed) => new FileOutboxStorage((closed as FileOutboxStorage).path),
})
