export { createApi } from './app.ts'
export type { ApiDeps, ApiOptions } from './deps.ts'
