// Contract cases for OutboxStorage implementations: framework-free cases (they also run in a
// browser page) and their vitest wrapper.
export {
  outboxStorageCases,
  testEntry,
  type OutboxStorageCase,
  type OutboxStorageFactory,
} from './outbox-storage.cases.ts'
