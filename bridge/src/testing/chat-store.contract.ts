import { afterEach, beforeEach, describe, expect } from 'vitest'
import type { AppendInput } from '../store/message-store.ts'
import { contractTest, type StoreContractOptions, type StoresUnderTest } from './stores.ts'

/** An empty message from alice, the n-th of a test. */
const message = (chatId: string, n: number): AppendInput => ({
  chatId,
  senderId: 'alice',
  senderDevice: 'd',
  clientMsgId: new Uint8Array(16).fill(n),
  body: new Uint8Array(),
  contentType: '',
  kind: 0,
  replyToSeq: 0,
  targetSeq: 0,
  sentAt: Date.now(),
})

export function chatStoreContract(options: StoreContractOptions): void {
  const test = contractTest(options)

  describe(`ChatStore contract: ${options.name}`, () => {
    let stores: StoresUnderTest
    beforeEach(async () => {
      stores = await options.create()
    })
    afterEach(async () => stores.close())

    test('a direct chat between two users is unique, whoever creates it', async () => {
      const first = await stores.chats.createDirect('alice', 'bob')
      const again = await stores.chats.createDirect('bob', 'alice')
      expect(first.created).toBe(true)
      expect(again.created).toBe(false)
      expect(again.chat.id).toBe(first.chat.id)
      expect(first.chat.kind).toBe('direct')
      expect([...(await stores.chats.memberIds(first.chat.id))].sort()).toEqual(['alice', 'bob'])
    })

    test('a group has its creator as admin and the others as members', async () => {
      const chat = await stores.chats.createGroup({
        title: 'Trip',
        createdBy: 'alice',
        memberIds: ['bob', 'carol'],
      })
      expect(chat).toMatchObject({ kind: 'group', title: 'Trip', createdBy: 'alice', lastSeq: 0 })
      const members = await stores.chats.members(chat.id)
      expect(members.find((m) => m.userId === 'alice')?.role).toBe('admin')
      expect(
        members
          .filter((m) => m.role === 'member')
          .map((m) => m.userId)
          .sort(),
      ).toEqual(['bob', 'carol'])
      expect(await stores.chats.getChat(chat.id)).toMatchObject({ id: chat.id, title: 'Trip' })
      expect(await stores.chats.getChat('missing')).toBeUndefined()
    })

    test('membership changes are visible as soon as they resolve', async () => {
      const chat = await stores.chats.createGroup({ title: 'g', createdBy: 'alice', memberIds: [] })
      expect(await stores.chats.isMember(chat.id, 'dave')).toBe(false)
      expect(await stores.chats.addMember(chat.id, 'dave')).toBe(true)
      expect(await stores.chats.addMember(chat.id, 'dave')).toBe(false)
      expect(await stores.chats.isMember(chat.id, 'dave')).toBe(true)
      expect(await stores.chats.memberIds(chat.id)).toContain('dave')
      expect(await stores.chats.removeMember(chat.id, 'dave')).toBe(true)
      expect(await stores.chats.removeMember(chat.id, 'dave')).toBe(false)
      expect(await stores.chats.isMember(chat.id, 'dave')).toBe(false)
      expect(await stores.chats.memberIds(chat.id)).not.toContain('dave')
      expect((await stores.chats.chatsOf('dave')).map((c) => c.id)).not.toContain(chat.id)
    })

    test('lists the chats of a user with their last seq', async () => {
      const dm = (await stores.chats.createDirect('alice', 'bob')).chat
      const group = await stores.chats.createGroup({ title: 'g', createdBy: 'carol', memberIds: ['alice'] })
      await stores.chats.createDirect('bob', 'carol')
      await stores.messages.append(message(group.id, 7))
      const list = await stores.chats.chatsOf('alice')
      expect(list.map((c) => c.id).sort()).toEqual([dm.id, group.id].sort())
      expect(list.find((c) => c.id === group.id)).toMatchObject({ lastSeq: 1, role: 'member', readSeq: 0 })
    })

    test('watermarks only move forward, stop at the last seq, and show in the chat list', async () => {
      const chat = await stores.chats.createGroup({
        title: 'g',
        createdBy: 'alice',
        memberIds: ['bob', 'carol'],
      })
      for (let i = 1; i <= 5; i++) await stores.messages.append(message(chat.id, i))
      expect(await stores.chats.raiseWatermark(chat.id, 'bob', 'delivered', 2)).toEqual({
        watermarks: { userId: 'bob', deliveredSeq: 2, readSeq: 0 },
        moved: true,
      })
      // read implies delivered; past the last seq is capped
      expect(await stores.chats.raiseWatermark(chat.id, 'bob', 'read', 99)).toEqual({
        watermarks: { userId: 'bob', deliveredSeq: 5, readSeq: 5 },
        moved: true,
      })
      // never backwards
      expect(await stores.chats.raiseWatermark(chat.id, 'bob', 'read', 3)).toEqual({
        watermarks: { userId: 'bob', deliveredSeq: 5, readSeq: 5 },
        moved: false,
      })
      await stores.chats.raiseWatermark(chat.id, 'carol', 'read', 4)
      expect(await stores.chats.watermarks(chat.id)).toEqual([
        { userId: 'alice', deliveredSeq: 0, readSeq: 0 },
        { userId: 'bob', deliveredSeq: 5, readSeq: 5 },
        { userId: 'carol', deliveredSeq: 4, readSeq: 4 },
      ])
      const [summary] = (await stores.chats.chatsOf('carol')).filter((c) => c.id === chat.id)
      expect(summary).toMatchObject({ lastSeq: 5, readSeq: 4, deliveredSeq: 4 })
    })

    test('only members have watermarks', async () => {
      const chat = await stores.chats.createGroup({ title: 'g', createdBy: 'alice', memberIds: [] })
      await expect(stores.chats.raiseWatermark(chat.id, 'mallory', 'read', 1)).rejects.toMatchObject({
        code: 'NOT_A_MEMBER',
      })
      await expect(stores.chats.raiseWatermark('missing', 'alice', 'read', 1)).rejects.toMatchObject({
        code: 'UNKNOWN_CHAT',
      })
    })

    test('adding a member to an unknown chat fails', async () => {
      await expect(stores.chats.addMember('missing', 'bob')).rejects.toMatchObject({ code: 'UNKNOWN_CHAT' })
    })

    test('a group can be renamed, and everyone reads the new title', async () => {
      const chat = await stores.chats.createGroup({ title: 'old', createdBy: 'alice', memberIds: ['bob'] })
      expect(await stores.chats.renameChat(chat.id, 'new')).toMatchObject({ id: chat.id, title: 'new' })
      expect((await stores.chats.getChat(chat.id))?.title).toBe('new')
      expect((await stores.chats.chatsOf('bob')).find((c) => c.id === chat.id)?.title).toBe('new')
      await expect(stores.chats.renameChat('missing', 'x')).rejects.toMatchObject({ code: 'UNKNOWN_CHAT' })
    })

    test('roles change for members only, and the chat list shows them', async () => {
      const chat = await stores.chats.createGroup({ title: 'g', createdBy: 'alice', memberIds: ['bob'] })
      expect(await stores.chats.setRole(chat.id, 'bob', 'admin')).toBe(true)
      expect((await stores.chats.members(chat.id)).find((m) => m.userId === 'bob')?.role).toBe('admin')
      expect((await stores.chats.chatsOf('bob')).find((c) => c.id === chat.id)?.role).toBe('admin')
      expect(await stores.chats.setRole(chat.id, 'alice', 'member')).toBe(true)
      expect((await stores.chats.members(chat.id)).find((m) => m.userId === 'alice')?.role).toBe('member')
      expect(await stores.chats.setRole(chat.id, 'mallory', 'admin')).toBe(false)
      expect(await stores.chats.memberIds(chat.id)).not.toContain('mallory')
    })

    test('user settings start at the defaults and keep what was changed', async () => {
      const user = `settings-${Date.now()}`
      expect(await stores.chats.userSettings(user)).toEqual({ hideLastSeen: false })
      expect(await stores.chats.updateUserSettings(user, { hideLastSeen: true })).toEqual({
        hideLastSeen: true,
      })
      expect(await stores.chats.userSettings(user)).toEqual({ hideLastSeen: true })
      expect(await stores.chats.updateUserSettings(user, {})).toEqual({ hideLastSeen: true })
      expect(await stores.chats.updateUserSettings(user, { hideLastSeen: false })).toEqual({
        hideLastSeen: false,
      })
    })
  })
}
