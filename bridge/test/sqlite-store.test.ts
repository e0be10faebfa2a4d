import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { SqliteStore } from '../src/store/index.ts'
import { chatStoreContract, messageStoreContract, type StoresUnderTest } from '../src/testing/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'tidings-sqlite-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0

const contractOptions = (name: string, appendThread: boolean) => {
  const open = (path: string): StoresUnderTest & { path: string } => {
    const store = new SqliteStore({ path, appendThread })
    return { messages: store, chats: store, close: () => store.close(), path }
  }
  return {
    name,
    create: async () => open(join(dir, `db-${++n}.sqlite`)),
    reopen: async (stores: StoresUnderTest) => {
      await stores.close()
      return open((stores as ReturnType<typeof open>).path)
    },
  }
}
const options = contractOptions('SqliteStore', true)
messageStoreContract(options)
chatStoreContract(options)
// The same append code on the main thread (':memory:' databases, and appendThread: false).
messageStoreContract(contractOptions('SqliteStore, appends on the main thread', false))
