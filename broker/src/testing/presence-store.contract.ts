import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PresenceStore } from '../presence/presence-store.ts'

export interface PresenceContractOptions {
  name: string
  /** A fresh, empty store, and how to open a second handle on the same state (another broker). */
  create(): Promise<{ store: PresenceStore; peer(): PresenceStore; close(): Promise<void> }>
}

const TTL = 30_000
const GRACE = 5_000

/** What every presence store keeps; the clock is passed in, so no test sleeps. */
export function presenceStoreContract(options: PresenceContractOptions): void {
  describe(`PresenceStore contract: ${options.name}`, () => {
    let t: Awaited<ReturnType<PresenceContractOptions['create']>>
    let n = 0
    const user = () => `user-${process.pid}-${++n}`
    beforeEach(async () => {
      t = await options.create()
    })
    afterEach(() => t.close())

    it('a first heartbeat brings a user online once; more connections and heartbeats do not', async () => {
      const u = user()
      expect(await t.store.heartbeat(u, 'phone', TTL, 1_000)).toBe(true)
      expect(await t.store.heartbeat(u, 'phone', TTL, 2_000)).toBe(false)
      expect(await t.store.heartbeat(u, 'laptop', TTL, 3_000)).toBe(false)
      expect(await t.store.lookup([u], 3_000)).toEqual([{ userId: u, online: true, lastSeenAt: 3_000 }])
    })

    it('an unknown user is offline and never seen', async () => {
      const u = user()
      expect(await t.store.lookup([u], 1_000)).toEqual([{ userId: u, online: false, lastSeenAt: 0 }])
      expect(await t.store.sweep(1_000_000, GRACE)).not.toContainEqual(expect.objectContaining({ userId: u }))
    })

    it('a disconnect is offline at once for lookups, announced only after the grace period', async () => {
      const u = user()
      await t.store.heartbeat(u, 'phone', TTL, 1_000)
      await t.store.disconnect(u, 'phone', 2_000)
      expect(await t.store.lookup([u], 2_000)).toEqual([{ userId: u, online: false, lastSeenAt: 2_000 }])
      expect(await t.store.sweep(2_000 + GRACE - 1, GRACE)).toEqual([])
      expect(await t.store.sweep(2_000 + GRACE, GRACE)).toEqual([{ userId: u, lastSeenAt: 2_000 }])
      expect(await t.store.sweep(2_000 + GRACE, GRACE)).toEqual([])
    })

    it('a connection back within the grace period announces nothing (a flap)', async () => {
      const u = user()
      await t.store.heartbeat(u, 'phone', TTL, 1_000)
      await t.store.disconnect(u, 'phone', 2_000)
      expect(await t.store.heartbeat(u, 'phone-2', TTL, 3_000)).toBe(false)
      expect(await t.store.sweep(20_000, GRACE)).toEqual([])
      expect((await t.store.lookup([u], 20_000))[0]!.online).toBe(true)
    })

    it('the user stays online while another device is connected', async () => {
      const u = user()
      await t.store.heartbeat(u, 'phone', TTL, 1_000)
      await t.store.heartbeat(u, 'laptop', TTL, 1_000)
      await t.store.disconnect(u, 'phone', 2_000)
      expect(await t.store.sweep(2_000 + GRACE, GRACE)).toEqual([])
      expect((await t.store.lookup([u], 2_000 + GRACE))[0]!.online).toBe(true)
    })

    it('a connection whose heartbeats stop (its broker crashed) expires by its TTL', async () => {
      const u = user()
      await t.store.heartbeat(u, 'phone', TTL, 1_000)
      expect((await t.store.lookup([u], 1_000 + TTL - 1))[0]!.online).toBe(true)
      expect((await t.store.lookup([u], 1_000 + TTL))[0]!.online).toBe(false)
      expect(await t.store.sweep(1_000 + TTL + GRACE - 1, GRACE)).toEqual([])
      expect(await t.store.sweep(1_000 + TTL + GRACE, GRACE)).toEqual([{ userId: u, lastSeenAt: 1_000 }])
      // and comes online again with its next connection
      expect(await t.store.heartbeat(u, 'phone', TTL, 100_000)).toBe(true)
    })

    it('a disconnect of an unknown or already expired connection changes nothing', async () => {
      const u = user()
      await t.store.disconnect(u, 'ghost', 1_000)
      expect(await t.store.lookup([u], 1_000)).toEqual([{ userId: u, online: false, lastSeenAt: 0 }])
    })

    it('brokers sweeping concurrently announce each user offline exactly once', async () => {
      const users = Array.from({ length: 20 }, user)
      for (const u of users) await t.store.heartbeat(u, 'c', TTL, 1_000)
      for (const u of users) await t.store.disconnect(u, 'c', 2_000)
      const peer = t.peer()
      const sweeps = await Promise.all([t.store.sweep(10_000, GRACE), peer.sweep(10_000, GRACE)])
      expect(
        sweeps
          .flat()
          .map((g) => g.userId)
          .sort(),
      ).toEqual([...users].sort())
    })
  })
}
