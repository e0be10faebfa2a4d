import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReceiptEvent } from '@tidings/sdk'
import { connectDevice, startPlatform, waitFor } from './helpers.ts'

type Device = Awaited<ReturnType<typeof connectDevice>> & { receipts: ReceiptEvent[] }

const withReceipts = async (device: Awaited<ReturnType<typeof connectDevice>>): Promise<Device> => {
  const receipts: ReceiptEvent[] = []
  device.onReceipt((r) => receipts.push(r))
  return Object.assign(device, { receipts })
}

describe('receipts as watermarks (embedded platform)', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>
  beforeAll(async () => {
    platform = await startPlatform()
  })
  afterAll(async () => platform.cleanup())

  it('a direct chat: read up to N reaches the other member and my other devices; unread = last seq - read', async () => {
    const alice = await withReceipts(await connectDevice(platform, 'alice', 'phone'))
    const bobPhone = await withReceipts(await connectDevice(platform, 'bob', 'phone'))
    const bobTablet = await withReceipts(await connectDevice(platform, 'bob', 'tablet', 'ws'))
    const dm = await alice.api.createDirectChat('bob')
    for (let i = 1; i <= 3; i++) await alice.send(dm.id, `m${i}`)
    await waitFor(() => bobPhone.received.length === 3, 'bob to get 3')
    const unread = async () => (await bobPhone.api.chats()).find((c) => c.id === dm.id)!.unread
    expect(await unread()).toBe(3)

    bobPhone.markRead(dm.id, 2)
    const read2 = { chatId: dm.id, userId: 'bob', kind: 'read', upToSeq: 2 }
    await waitFor(
      () => alice.receipts.some((r) => r.userId === 'bob' && r.upToSeq === 2),
      'alice to see bob read 2',
    )
    expect(alice.receipts.filter((r) => r.userId === 'bob')).toEqual([read2])
    await waitFor(() => bobTablet.receipts.some((r) => r.userId === 'bob'), "bob's tablet to learn it")
    expect(bobTablet.receipts.filter((r) => r.userId === 'bob')).toEqual([read2])
    expect(await unread()).toBe(1)

    // backwards is ignored: no event, no change
    bobPhone.markRead(dm.id, 1)
    bobPhone.markRead(dm.id, 99) // capped at the last seq
    await waitFor(() => alice.receipts.some((r) => r.userId === 'bob' && r.upToSeq === 3), 'read 3')
    expect(alice.receipts.filter((r) => r.userId === 'bob').map((r) => r.upToSeq)).toEqual([2, 3])
    expect(await unread()).toBe(0)
    // alice's own messages are not unread for her: the SDK marks what she sent as read
    await waitFor(() => alice.receipts.some((r) => r.userId === 'alice'), 'alice read her own')
    expect((await alice.api.chats()).find((c) => c.id === dm.id)!.unread).toBe(0)
    await Promise.all([alice.close(), bobPhone.close(), bobTablet.close()])
  })

  it('a group: members get one aggregate when everyone has read up to N, not every receipt', async () => {
    const ann = await withReceipts(await connectDevice(platform, 'ann', 'phone'))
    const ben = await withReceipts(await connectDevice(platform, 'ben', 'phone'))
    const cat = await withReceipts(await connectDevice(platform, 'cat', 'phone'))
    const group = await ann.api.createGroup('Book club', ['ben', 'cat'])
    await ann.send(group.id, 'one')
    await ann.send(group.id, 'two')
    await waitFor(() => ann.receipts.some((r) => r.userId === 'ann' && r.upToSeq === 2), 'ann reads her own')
    ben.markRead(group.id, 2)
    await waitFor(() => ben.receipts.some((r) => r.userId === 'ben'), "ben's own devices")
    await new Promise((r) => setTimeout(r, 200))
    expect(ann.receipts.filter((r) => r.userId !== 'ann')).toEqual([]) // cat has not read yet
    cat.markRead(group.id, 2)
    const everyone = { chatId: group.id, userId: '', kind: 'read', upToSeq: 2 }
    for (const d of [ann, ben, cat]) {
      await waitFor(() => d.receipts.some((r) => r.userId === ''), 'the aggregate')
      expect(d.receipts.filter((r) => r.userId === '')).toEqual([everyone])
    }
    expect(cat.receipts.filter((r) => r.userId === 'ben')).toEqual([]) // no per-member fan-out in groups
    await Promise.all([ann.close(), ben.close(), cat.close()])
  })

  it('refuses a receipt for a chat the user is not in, and keeps serving', async () => {
    const mallory = await connectDevice(platform, 'mallory', 'phone')
    const errors: string[] = []
    mallory.onEvent((e) => e.error && errors.push(e.error.code!))
    const alice = await connectDevice(platform, 'alice', 'laptop')
    const dm = await alice.api.createDirectChat('zoe')
    mallory.markRead(dm.id, 1)
    mallory.markRead('no-such-chat', 1)
    await waitFor(() => errors.length === 2, 'two error events')
    expect(errors.sort()).toEqual(['NOT_A_MEMBER', 'UNKNOWN_CHAT'])
    expect((await alice.send(dm.id, 'still here')).seq).toBe(1)
    await Promise.all([mallory.close(), alice.close()])
  })
})
