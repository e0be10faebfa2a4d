import { describe, it } from 'vitest'
import { outboxStorageCases, type OutboxStorageFactory } from './outbox-storage.cases.ts'

/** Runs every OutboxStorage contract case against one implementation (vitest, Node). */
export function outboxStorageContract({ name, ...factory }: OutboxStorageFactory & { name: string }): void {
  describe(`OutboxStorage contract: ${name}`, () => {
    for (const c of outboxStorageCases) {
      const skipped = c.skip?.(factory)
      if (skipped) it.skip(`${c.name} (skipped: ${skipped})`, () => {})
      else it(c.name, () => c.run(factory))
    }
  })
}
