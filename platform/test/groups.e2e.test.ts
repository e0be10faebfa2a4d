import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChatUpdateKind, type tidings } from '@tidings/proto'
import { connectDevice, devToken, range, seqsOf, startPlatform, waitFor } from './helpers.ts'

const updatesOf = (device: Awaited<ReturnType<typeof connectDevice>>) => {
  const updates: tidings.v1.IChatUpdate[] = []
  device.onEvent((e) => e.chatUpdate && updates.push(e.chatUpdate))
  return updates
}

describe('groups (embedded platform)', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  beforeAll(async () => {
    platform = await startPlatform()
  })
  afterAll(async () => platform.cleanup())

  it('admins rename and change roles; members are told; a group keeps an admin', async () => {
    const alice = await connectDevice(platform, 'alice', 'phone')
    const bob = await connectDevice(platform, 'bob', 'phone')
    const bobUpdates = updatesOf(bob)
    const group = await alice.api.createGroup('Trip', ['bob', 'carol'])

    await expect(bob.api.renameChat(group.id, 'Mine')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(await alice.api.renameChat(group.id, 'Trip 2027')).toMatchObject({ title: 'Trip 2027' })
    await waitFor(() => bobUpdates.some((u) => u.kind === ChatUpdateKind.CHAT_UPDATE_KIND_RENAMED), 'rename')
    expect(bobUpdates.find((u) => u.kind === ChatUpdateKind.CHAT_UPDATE_KIND_RENAMED)?.title).toBe(
      'Trip 2027',
    )
    expect((await bob.api.chats()).find((c) => c.id === group.id)?.title).toBe('Trip 2027')

    await expect(alice.api.setRole(group.id, 'alice', 'member')).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await alice.api.setRole(group.id, 'bob', 'admin')).toMatchObject({ userId: 'bob', role: 'admin' })
    await waitFor(
      () => bobUpdates.some((u) => u.kind === ChatUpdateKind.CHAT_UPDATE_KIND_ROLE_CHANGED),
      'role',
    )
    expect(await bob.api.renameChat(group.id, 'Bob was here')).toMatchObject({ title: 'Bob was here' })
    await expect(bob.api.setRole(group.id, 'mallory', 'admin')).rejects.toMatchObject({
      code: 'NOT_A_MEMBER',
    })

    // the last admin leaving hands the group to the longest-standing member
    await alice.api.setRole(group.id, 'bob', 'member')
    await alice.api.removeMember(group.id, 'alice')
    const { members } = await bob.api.chat(group.id)
    expect(members.find((m) => m.userId === 'bob')?.role).toBe('admin') // joined with carol: ties go to the first listed
    expect(members.map((m) => m.userId).sort()).toEqual(['bob', 'carol'])

    const dm = await alice.api.createDirectChat('bob')
    await expect(alice.api.renameChat(dm.id, 'x')).rejects.toMatchObject({ code: 'CONFLICT' })
    await Promise.all([alice.close(), bob.close()])
  })

  it('a removed member stops receiving at once and cannot read history any more', async () => {
    const alice = await connectDevice(platform, 'alice', 'laptop')
    const bob = await connectDevice(platform, 'bob', 'laptop')
    const carol = await connectDevice(platform, 'carol', 'laptop')
    const group = await alice.api.createGroup('g', ['bob', 'carol'])
    for (let i = 1; i <= 5; i++) await alice.send(group.id, `before ${i}`)
    await waitFor(() => seqsOf(bob.received, group.id).length === 5, 'bob to get 5')

    await alice.api.removeMember(group.id, 'bob')
    for (let i = 1; i <= 5; i++) await alice.send(group.id, `after ${i}`)
    await waitFor(() => seqsOf(carol.received, group.id).length === 10, 'carol to get 10')
    expect(seqsOf(carol.received, group.id)).toEqual(range(10))
    expect(seqsOf(bob.received, group.id)).toEqual(range(5))
    await expect(bob.api.history(group.id)).rejects.toMatchObject({ code: 'NOT_A_MEMBER' })
    await expect(bob.send(group.id, 'let me in')).rejects.toMatchObject({ code: 'NOT_A_MEMBER' })
    expect((await bob.api.chats()).map((c) => c.id)).not.toContain(group.id)
    await Promise.all([alice.close(), bob.close(), carol.close()])
  })

  it('a group holds at most 500 members', async () => {
    const token = await devToken(platform.httpUrl, 'owner')
    const post = (path: string, body: unknown) =>
      fetch(`${platform.httpUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const others = Array.from({ length: 499 }, (_, i) => `member-${i}`)
    const created = await post('/v1/chats', { kind: 'group', title: 'big', memberIds: others })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const full = await post(`/v1/chats/${id}/members`, { userId: 'one-too-many' })
    expect(full.status).toBe(409)
    expect(((await full.json()) as { error: { code: string } }).error.code).toBe('CONFLICT')
    const tooBig = await post('/v1/chats', { kind: 'group', title: 'x', memberIds: [...others, 'extra'] })
    expect(tooBig.status).toBe(400)
  })
})
