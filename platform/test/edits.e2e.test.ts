import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChatView, type ChatMessage } from '@tidings/sdk'
import { connectDevice, devToken, startPlatform, waitFor } from './helpers.ts'

const decode = (m: ChatMessage) => new TextDecoder().decode(m.body)

describe('edits, deletes, reactions and replies (embedded platform)', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  beforeAll(async () => {
    platform = await startPlatform()
  })
  afterAll(async () => platform.cleanup())

  it('bob sees a reply, an edit, reactions and a delete live and in history; nothing of the deleted message remains', async () => {
    const alice = await connectDevice(platform, 'alice', 'phone')
    const bob = await connectDevice(platform, 'bob', 'phone')
    const dm = await alice.api.createDirectChat('bob')
    const bobsView = new ChatView(dm.id)
    bob.onMessage((m) => bobsView.add(m))

    const lunch = await alice.send(dm.id, 'lunch at 12?') // 1
    const reply = await bob.send(dm.id, 'sure', { replyToSeq: lunch.seq }) // 2
    await alice.edit(dm.id, lunch.seq, 'lunch at 1?') // 3
    await bob.react(dm.id, lunch.seq, '👍') // 4
    await bob.react(dm.id, lunch.seq, '❤️') // 5: replaces bob's 👍
    await alice.react(dm.id, reply.seq, '😂') // 6
    await alice.react(dm.id, reply.seq, '') // 7: removes it
    const pin = await alice.send(dm.id, 'my PIN is 4711') // 8
    await alice.edit(dm.id, pin.seq, 'my PIN is 4711, really') // 9
    const del = await alice.delete(dm.id, pin.seq) // 10
    expect(del.seq).toBe(10)
    await waitFor(() => bob.received.some((m) => m.seq === 10), 'bob to get all ten events')

    const expected = [
      {
        seq: 1,
        senderId: 'alice',
        text: 'lunch at 1?',
        edited: true,
        deleted: false,
        reactions: [{ reaction: '❤️', userIds: ['bob'] }],
      },
      {
        seq: 2,
        senderId: 'bob',
        text: 'sure',
        edited: false,
        reactions: [],
        replyTo: { seq: 1, loaded: true, senderId: 'alice', text: 'lunch at 1?', deleted: false },
      },
      { seq: 8, senderId: 'alice', deleted: true, edited: false, reactions: [] },
    ]
    expect(bobsView.items()).toMatchObject(expected)
    expect(bobsView.item(8)!.text).toBeUndefined()
    expect(bob.received.map((m) => m.kind)).toEqual([
      'normal',
      'normal',
      'edit',
      'reaction',
      'reaction',
      'reaction',
      'reaction',
      'normal',
      'edit',
      'delete',
    ])

    // History: the targets carry their current state, and the deleted content is gone for good.
    const page = await bob.history(dm.id, { after: 0 })
    expect(page.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(page.messages[0]).toMatchObject({ text: 'lunch at 1?', editSeq: 3, reactions: { bob: '❤️' } })
    expect(page.messages[0]!.editedAt).toBeGreaterThan(0)
    expect(page.messages[1]).toMatchObject({ replyToSeq: 1 })
    expect(page.messages[1]!.reactions).toBeUndefined()
    expect(page.messages[7]).toMatchObject({ deleted: true })
    expect(page.messages[7]!.text).toBeUndefined()
    for (const m of page.messages) expect(decode(m)).not.toContain('4711')
    const raw = await (
      await fetch(`${platform.httpUrl}/v1/chats/${dm.id}/messages?after=0`, {
        headers: { authorization: `Bearer ${await devToken(platform.httpUrl, 'bob')}` },
      })
    ).text()
    expect(raw).not.toContain('4711')
    expect(raw).not.toContain(Buffer.from('my PIN').toString('base64').slice(0, 8))

    // A device that only reads history renders the same list as bob's live view.
    const fromHistory = new ChatView(dm.id)
    fromHistory.addPage(page.messages)
    expect(fromHistory.items()).toEqual(bobsView.items())
    await Promise.all([alice.close(), bob.close()])
  })

  it("refuses another member's edit or delete, changes to a deleted or missing message, and stores nothing", async () => {
    const alice = await connectDevice(platform, 'alice', 'tablet')
    const bob = await connectDevice(platform, 'bob', 'tablet')
    const mallory = await connectDevice(platform, 'mallory', 'phone')
    const dm = await alice.api.createDirectChat('carol')
    const group = await alice.api.createGroup('Trip', ['bob'])
    const plan = await alice.send(group.id, 'we leave at 6')
    const gone = await alice.send(group.id, 'wrong plan')
    await alice.delete(group.id, gone.seq)

    const refused = (p: Promise<unknown>) =>
      p.then(
        () => 'stored',
        (e: { code: string }) => e.code,
      )
    expect(await refused(bob.edit(group.id, plan.seq, 'we leave at 9'))).toBe('FORBIDDEN')
    expect(await refused(bob.delete(group.id, plan.seq))).toBe('FORBIDDEN')
    expect(await refused(mallory.edit(group.id, plan.seq, 'hacked'))).toBe('NOT_A_MEMBER')
    expect(await refused(alice.edit(group.id, gone.seq, 'right plan'))).toBe('CONFLICT')
    expect(await refused(bob.react(group.id, gone.seq, '👍'))).toBe('CONFLICT')
    expect(await refused(bob.react(group.id, 99, '👍'))).toBe('UNKNOWN_MESSAGE')
    expect(await refused(bob.send(group.id, 'what?', { replyToSeq: 99 }))).toBe('UNKNOWN_MESSAGE')
    expect(await refused(bob.react(group.id, plan.seq, 'x'.repeat(65)))).toBe('INVALID_REQUEST')
    expect(await refused(alice.edit(dm.id, plan.seq, 'other chat'))).toBe('UNKNOWN_MESSAGE')

    const page = await alice.history(group.id, { after: 0 })
    expect(page.messages.map((m) => [m.seq, m.kind])).toEqual([
      [1, 'normal'],
      [2, 'normal'],
      [3, 'delete'],
    ])
    expect(page.messages[0]).toMatchObject({ text: 'we leave at 6' })
    expect(page.messages[0]!.editedAt).toBeUndefined()
    expect((await alice.api.chats()).find((c) => c.id === group.id)!.lastSeq).toBe(3)
    // and the connections keep serving
    expect((await bob.send(group.id, 'ok, 6 it is', { replyToSeq: plan.seq })).seq).toBe(4)
    await Promise.all([alice.close(), bob.close(), mallory.close()])
  })
})
