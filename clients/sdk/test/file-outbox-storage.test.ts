import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FileOutboxStorage } from '../src/node.ts'
import { testEntry } from '../src/testing/index.ts'

describe('FileOutboxStorage (own checks)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-outbox-file-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('refuses a damaged file with an error naming it, and leaves the file as it was', async () => {
    const path = join(dir, 'damaged.json')
    writeFileSync(path, '{"version":1,"entries":[{"clientMsgId":')
    const storage = new FileOutboxStorage(path)
    await expect(storage.load()).rejects.toThrow(`outbox file ${path} is unreadable`)
    await expect(storage.put(testEntry())).rejects.toThrow('unreadable')
    expect(readFileSync(path, 'utf8')).toBe('{"version":1,"entries":[{"clientMsgId":')
  })

  it('ignores a temp file left by a crash mid-write: the last complete file counts', async () => {
    const path = join(dir, 'crashed.json')
    const kept = testEntry()
    const first = new FileOutboxStorage(path)
    await first.put(kept)
    await first.close()
    writeFileSync(`${path}.12345.tmp`, '{"version":1,"entr') // a write that never got renamed
    expect((await new FileOutboxStorage(path).load()).map((e) => e.clientMsgId)).toEqual([kept.clientMsgId])
  })

  it('keeps every entry of a burst of 200 concurrent puts (grouped into few file writes)', async () => {
    const storage = new FileOutboxStorage(join(dir, 'burst.json'))
    await Promise.all(Array.from({ length: 200 }, () => storage.put(testEntry())))
    expect(await storage.load()).toHaveLength(200)
  })
})
