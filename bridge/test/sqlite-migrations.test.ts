import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { newClientMsgId } from '@tidings/proto'
import { SqliteStore } from '../src/store/index.ts'
import { migrations } from '../src/store/sqlite-schema.ts'

const dir = mkdtempSync(join(tmpdir(), 'tidings-sqlite-migrate-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('opens a data dir written before edits existed, keeps its messages, and can edit them', async () => {
  const path = join(dir, 'v1.sqlite')
  const old = new Database(path)
  old.exec(migrations[0]!)
  old.pragma('user_version = 1')
  old.exec(`INSERT INTO chats (id, kind, title, created_by, created_at, last_seq) VALUES ('c1', 'direct', '', 'alice', 1, 1);
    INSERT INTO members (chat_id, user_id, role, joined_at) VALUES ('c1', 'alice', 'member', 1), ('c1', 'bob', 'member', 1);`)
  old
    .prepare(
      `INSERT INTO messages (chat_id, seq, sender_id, sender_device, client_msg_id, sent_at, kind, content_type, body)
       VALUES ('c1', 1, 'alice', 'phone', ?, 2, 0, '', ?)`,
    )
    .run(Buffer.from(newClientMsgId()), Buffer.from('from before'))
  old.close()

  const store = new SqliteStore({ path })
  const [before] = (await store.history('c1', { limit: 10 })).messages
  expect(new TextDecoder().decode(before!.body)).toBe('from before')
  expect(before!.editedAt).toBeUndefined()
  await store.append({
    chatId: 'c1',
    clientMsgId: newClientMsgId(),
    senderId: 'alice',
    senderDevice: 'phone',
    sentAt: 3,
    body: new TextEncoder().encode('edited'),
    contentType: '',
    kind: 1,
    targetSeq: 1,
    replyToSeq: 0,
  })
  const [after] = (await store.history('c1', { limit: 10 })).messages
  expect(after).toMatchObject({ seq: 1, editedAt: 3, editSeq: 2 })
  expect(new TextDecoder().decode(after!.body)).toBe('edited')
  await store.close()
})
