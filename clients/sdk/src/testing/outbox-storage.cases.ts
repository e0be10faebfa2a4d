// The OutboxStorage contract as plain async functions with no test framework, so the same cases
// run under vitest in Node (outbox-storage.contract.ts) and inside a real browser page.
import type { OutboxEntry, OutboxStorage } from '../outbox/outbox-storage.ts'

export interface OutboxStorageFactory {
  /** A new storage on a new, empty backing. */
  create(): Promise<OutboxStorage>
  /** A new instance on the backing of `closed` (already closed): an app restart. Omit when the backing cannot outlive its instance. */
  reopen?(closed: OutboxStorage): Promise<OutboxStorage>
}

export interface OutboxStorageCase {
  name: string
  /** Says why a factory cannot run the case, or nothing when it can. */
  skip?(factory: OutboxStorageFactory): string | undefined
  run(factory: OutboxStorageFactory): Promise<void>
}

let counter = 0
export function testEntry(overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  counter++
  return {
    clientMsgId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    userId: 'alice',
    chatId: 'chat-1',
    body: new TextEncoder().encode(`message ${counter}`),
    contentType: '',
    kind: 'normal',
    createdAt: 1_700_000_000_000 + counter,
    attempts: 0,
    ...overrides,
  }
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`outbox storage contract: ${what}`)
}

/** Compares what a test can see of an entry, bytes included. */
const same = (a: OutboxEntry | undefined, b: OutboxEntry) =>
  !!a &&
  JSON.stringify({ ...a, body: [...a.body] }) === JSON.stringify({ ...b, body: [...b.body] }) &&
  a.body instanceof Uint8Array

const ids = (entries: OutboxEntry[]) => entries.map((e) => e.clientMsgId).join(',')

async function withStorage(factory: OutboxStorageFactory, body: (s: OutboxStorage) => Promise<void>) {
  const storage = await factory.create()
  try {
    await body(storage)
  } finally {
    await storage.close()
  }
}

const needsReopen = (f: OutboxStorageFactory) =>
  f.reopen ? undefined : 'this storage lives only as long as its instance (no restart to survive)'

export const outboxStorageCases: OutboxStorageCase[] = [
  {
    name: 'starts empty',
    run: (f) =>
      withStorage(f, async (s) => {
        check((await s.load()).length === 0, 'a new storage is empty')
      }),
  },
  {
    name: 'keeps every field of an entry, the body bytes included',
    run: (f) =>
      withStorage(f, async (s) => {
        const entry = testEntry({
          body: new Uint8Array([0, 1, 2, 253, 254, 255]),
          contentType: 'application/octet-stream',
          kind: 'edit',
          replyToSeq: 7,
          targetSeq: 41,
          attempts: 3,
        })
        await s.put(entry)
        const [loaded] = await s.load()
        check(same(loaded, entry), `loaded ${JSON.stringify(loaded)} differs from the entry put`)
      }),
  },
  {
    name: 'put with the same clientMsgId replaces the entry',
    run: (f) =>
      withStorage(f, async (s) => {
        const entry = testEntry()
        await s.put(entry)
        await s.put({ ...entry, attempts: 5 })
        const loaded = await s.load()
        check(loaded.length === 1 && loaded[0]!.attempts === 5, 'one entry with the new attempts')
      }),
  },
  {
    name: 'remove deletes one entry; an unknown id is ignored',
    run: (f) =>
      withStorage(f, async (s) => {
        const [a, b] = [testEntry(), testEntry()]
        await s.put(a)
        await s.put(b)
        await s.remove(a.clientMsgId)
        await s.remove('00000000-0000-4000-8000-ffffffffffff')
        check(ids(await s.load()) === b.clientMsgId, 'only the other entry is left')
      }),
  },
  {
    name: 'loads oldest createdAt first, whatever the put order and ids',
    run: (f) =>
      withStorage(f, async (s) => {
        const t = 1_800_000_000_000
        const entries = [
          testEntry({ clientMsgId: 'ffffffff-0000-4000-8000-000000000001', createdAt: t + 2 }),
          testEntry({ clientMsgId: '00000000-ffff-4000-8000-000000000002', createdAt: t + 3 }),
          testEntry({ clientMsgId: '88888888-0000-4000-8000-000000000003', createdAt: t + 1 }),
        ]
        for (const e of entries) await s.put(e)
        const expected = [entries[2]!, entries[0]!, entries[1]!]
        check(ids(await s.load()) === ids(expected), 'sorted by createdAt')
      }),
  },
  {
    name: 'applies operations in call order when nobody waits between them',
    run: (f) =>
      withStorage(f, async (s) => {
        const entries = Array.from({ length: 50 }, () => testEntry())
        const calls: Array<Promise<void>> = []
        for (const [i, e] of entries.entries()) {
          calls.push(s.put(e))
          if (i % 2 === 0) calls.push(s.remove(e.clientMsgId)) // put, then remove at once
          if (i % 5 === 0) calls.push(s.put({ ...e, attempts: 9 })) // and a replace after that
        }
        await Promise.all(calls)
        const expected = entries.filter((_, i) => i % 2 === 1 || i % 5 === 0).map((e) => e.clientMsgId)
        const loaded = await s.load()
        check(
          ids(loaded) === expected.join(','),
          `left ${loaded.length} entries, expected ${expected.length}`,
        )
        const replaced = new Set(entries.filter((_, i) => i % 5 === 0).map((e) => e.clientMsgId))
        check(
          loaded.every((e) => (e.attempts === 9) === replaced.has(e.clientMsgId)),
          'the last put of an id wins, also a put after a remove',
        )
      }),
  },
  {
    name: 'hands out copies: changing a loaded or put entry changes nothing stored',
    run: (f) =>
      withStorage(f, async (s) => {
        const entry = testEntry()
        await s.put(entry)
        entry.attempts = 99
        const [loaded] = await s.load()
        loaded!.attempts = 42
        loaded!.body[0] = 0
        const [again] = await s.load()
        check(again!.attempts === 0 && again!.body[0] !== 0, 'stored entry unchanged')
      }),
  },
  {
    name: 'survives a restart: a new instance on the same backing sees what the old one left',
    skip: needsReopen,
    async run(f) {
      const first = await f.create()
      const [a, b, c] = [testEntry(), testEntry(), testEntry()]
      await first.put(a)
      await first.put(b)
      await first.put({ ...c, attempts: 2 })
      await first.remove(a.clientMsgId)
      await first.close()
      const second = await f.reopen!(first)
      try {
        const loaded = await second.load()
        check(ids(loaded) === [b.clientMsgId, c.clientMsgId].join(','), `after reopen: ${ids(loaded)}`)
        check(same(loaded[0], b) && loaded[1]!.attempts === 2, 'entries intact after reopen')
        await second.remove(b.clientMsgId)
      } finally {
        await second.close()
      }
      const third = await f.reopen!(second)
      try {
        check(ids(await third.load()) === c.clientMsgId, 'a remove after reopen is kept too')
      } finally {
        await third.close()
      }
    },
  },
]
