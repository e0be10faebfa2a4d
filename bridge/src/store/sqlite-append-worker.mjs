// The append thread's entry point (see sqlite-append-thread.ts). A worker thread does not go
// through vitest's transform, and tsx's loader is only inherited under `node --import tsx`,
// so this plain module registers tsx itself before it loads the TypeScript.
import { register } from 'tsx/esm/api'

register()
await import('./sqlite-append-worker.ts')
