import pino from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SqliteStore } from '@tidings/bridge'
import { createTokenService } from '@tidings/broker/auth'
import { newClientMsgId } from '@tidings/proto'
import { createApi } from '../src/index.ts'

describe('REST API (in memory, app.request)', () => {
  let store: SqliteStore
  let app: ReturnType<typeof createApi>
  const published: string[] = []
  const tokens = createTokenService('api-test-secret-long-enough-0000000')
  const as = async (user: string) => ({
    authorization: `Bearer ${await tokens.issue(user)}`,
    'content-type': 'application/json',
  })

  beforeEach(() => {
    store = new SqliteStore({ path: ':memory:' })
    const bus = { publish: async (topic: string) => void published.push(topic), close: async () => {} }
    app = createApi(
      { chats: store, messages: store, tokens, bus, log: pino({ level: 'silent' }) },
      { devLogin: false },
    )
  })
  afterEach(() => store.close())

  it('creates groups, enforces admin rights, and announces member changes', async () => {
    const res = await app.request('/v1/chats', {
      method: 'POST',
      headers: await as('alice'),
      body: JSON.stringify({ kind: 'group', title: 'g', memberIds: ['bob'] }),
    })
    expect(res.status).toBe(201)
    const group = (await res.json()) as { id: string }
    const byBob = await app.request(`/v1/chats/${group.id}/members`, {
      method: 'POST',
      headers: await as('bob'),
      body: JSON.stringify({ userId: 'eve' }),
    })
    expect(byBob.status).toBe(403)
    published.length = 0
    const byAlice = await app.request(`/v1/chats/${group.id}/members`, {
      method: 'POST',
      headers: await as('alice'),
      body: JSON.stringify({ userId: 'eve' }),
    })
    expect(await byAlice.json()).toEqual({ added: true })
    expect(published.sort()).toEqual(['u/alice', 'u/bob', 'u/eve'])
    const leave = await app.request(`/v1/chats/${group.id}/members/bob`, {
      method: 'DELETE',
      headers: await as('bob'),
    })
    expect(await leave.json()).toEqual({ removed: true })
    const bobsView = await app.request(`/v1/chats/${group.id}/messages`, { headers: await as('bob') })
    expect(bobsView.status).toBe(403)
  })

  it('history shows edited, deleted and reacted-to messages in their current state', async () => {
    const { chat } = await store.createDirect('alice', 'bob')
    const send = (senderId: string, body: string, kind = 0, targetSeq = 0) =>
      store.append({
        chatId: chat.id,
        clientMsgId: newClientMsgId(),
        senderId,
        senderDevice: 'phone',
        sentAt: 1000 + kind,
        body: new TextEncoder().encode(body),
        contentType: '',
        kind,
        targetSeq,
        replyToSeq: 0,
      })
    await send('alice', 'typo')
    await send('alice', 'gone soon')
    await send('alice', 'fixed', 1, 1)
    await send('bob', '👍', 3, 1)
    await send('alice', '', 2, 2)
    const res = await app.request(`/v1/chats/${chat.id}/messages`, { headers: await as('bob') })
    const { messages } = (await res.json()) as { messages: Record<string, unknown>[] }
    expect(messages.map((m) => [m.seq, m.kind, m.text])).toEqual([
      [1, 'normal', 'fixed'],
      [2, 'normal', undefined],
      [3, 'edit', 'fixed'],
      [4, 'reaction', '👍'],
      [5, 'delete', ''],
    ])
    expect(messages[0]).toMatchObject({ editedAt: 1001, editSeq: 3, reactions: { bob: '👍' } })
    expect(messages[1]).toMatchObject({ deleted: true, body: '' })
    expect(messages[4]).toMatchObject({ targetSeq: 2 })
  })

  it('validates queries and hides the dev login unless enabled', async () => {
    const bad = await app.request('/v1/chats/x/messages?limit=0', { headers: await as('alice') })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('INVALID_REQUEST')
    expect((await app.request('/v1/dev/token', { method: 'POST', body: '{"userId":"a"}' })).status).toBe(404)
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> }
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/chats', '/v1/chats/{chatId}/messages', '/v1/chats/{chatId}/members']),
    )
  })
})
