// Node only (node:fs): exported from `@tidings/sdk/node`, never from the browser entry point.
import { mkdir, open, readFile, rename } from 'node:fs/promises'
import { dirname } from 'node:path'
import { MESSAGE_KIND_NAMES } from '@tidings/proto'
import { byCreatedAt, type OutboxEntry, type OutboxStorage } from './outbox-storage.ts'

interface StoredEntry extends Omit<OutboxEntry, 'body'> {
  body: string // base64
}

interface Operation {
  apply(entries: Map<string, OutboxEntry>): void
  resolve(): void
  reject(err: unknown): void
}

/**
 * The outbox in one JSON file, replaced atomically: write a temp file, fsync it, rename it over
 * the old one, fsync the directory. A crash at any point leaves the old file or the new one,
 * never half of one. Writes that arrive while one is in progress are grouped into the next
 * file write, so a burst of sends costs a few fsyncs, not one each.
 *
 * One process per file: two storages on the same path would overwrite each other's entries.
 */
export class FileOutboxStorage implements OutboxStorage {
  private entries: Map<string, OutboxEntry> | undefined
  private readonly queued: Operation[] = []
  private writing: Promise<void> | undefined

  constructor(readonly path: string) {}

  async load(): Promise<OutboxEntry[]> {
    await this.writing
    const entries = await this.current()
    return [...entries.values()].map((e) => structuredClone(e)).sort(byCreatedAt)
  }

  put(entry: OutboxEntry): Promise<void> {
    const copy = structuredClone(entry)
    return this.enqueue((entries) => entries.set(copy.clientMsgId, copy))
  }

  remove(clientMsgId: string): Promise<void> {
    return this.enqueue((entries) => entries.delete(clientMsgId))
  }

  async close(): Promise<void> {
    await this.writing
  }

  private enqueue(apply: Operation['apply']): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queued.push({ apply, resolve, reject })
      this.writing ??= this.drain()
    })
  }

  /** Applies everything queued to a copy, writes it once, and only then makes it current. */
  private async drain(): Promise<void> {
    try {
      while (this.queued.length > 0) {
        const batch = this.queued.splice(0)
        try {
          const next = new Map(await this.current())
          for (const op of batch) op.apply(next)
          await this.write(next)
          this.entries = next
          for (const op of batch) op.resolve()
        } catch (err) {
          for (const op of batch) op.reject(err)
        }
      }
    } finally {
      this.writing = undefined
    }
  }

  private async current(): Promise<Map<string, OutboxEntry>> {
    this.entries ??= await this.read()
    return this.entries
  }

  private async read(): Promise<Map<string, OutboxEntry>> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map()
      throw err
    }
    let stored: StoredEntry[]
    try {
      const parsed = JSON.parse(text) as { version?: number; entries?: StoredEntry[] }
      if (parsed.version !== 1 || !Array.isArray(parsed.entries)) throw new Error('not a version 1 outbox')
      stored = parsed.entries
      for (const e of stored) checkEntry(e)
    } catch (err) {
      // Leave the file alone: it may hold messages someone wants back.
      throw new Error(`outbox file ${this.path} is unreadable: ${(err as Error).message}`, { cause: err })
    }
    return new Map(
      stored.map((e) => [e.clientMsgId, { ...e, body: new Uint8Array(Buffer.from(e.body, 'base64')) }]),
    )
  }

  private async write(entries: Map<string, OutboxEntry>): Promise<void> {
    const stored: StoredEntry[] = [...entries.values()].map((e) => ({
      ...e,
      body: Buffer.from(e.body).toString('base64'),
    }))
    const dir = dirname(this.path)
    await mkdir(dir, { recursive: true })
    const temp = `${this.path}.${process.pid}.tmp`
    const file = await open(temp, 'w')
    try {
      await file.writeFile(JSON.stringify({ version: 1, entries: stored }))
      await file.sync()
    } finally {
      await file.close()
    }
    await rename(temp, this.path)
    // The rename itself is durable only once the directory is synced.
    const directory = await open(dir, 'r')
    try {
      await directory.sync()
    } finally {
      await directory.close()
    }
  }
}

function checkEntry(e: StoredEntry): void {
  const ok =
    typeof e === 'object' &&
    typeof e.clientMsgId === 'string' &&
    typeof e.userId === 'string' &&
    typeof e.chatId === 'string' &&
    typeof e.body === 'string' &&
    typeof e.contentType === 'string' &&
    (MESSAGE_KIND_NAMES as readonly string[]).includes(e.kind) &&
    typeof e.createdAt === 'number' &&
    typeof e.attempts === 'number'
  if (!ok) throw new Error(`bad entry ${JSON.stringify(e).slice(0, 200)}`)
}
