// Node-only parts of the SDK (they import node:fs), kept out of the main entry point so a
// browser bundle of `@tidings/sdk` never pulls them in.
export { FileOutboxStorage } from './outbox/file-outbox-storage.ts'
