import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { SqliteStore } from '../src/store/index.ts'
import { chatStoreContract, messageStoreContract, type StoresUnderTest } from '../src/testing/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'tidings-sqlite-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0

const open = (path: string): StoresUnderTest & { path: string } => {
  const store = new SqliteStore({ path })
  return { messages: store, chats: store, close: () => store.close(), path }
}
const options = {
  name: 'SqliteStore',
  create: async () => open(join(dir, `db-${++n}.sqlite`)),
  reopen: async (stores: StoresUnderTest) => {
    await stores.close()
    return open((stores as ReturnType<typeof open>).path)
  },
}
messageStoreContract(options)
chatStoreContract(options)
