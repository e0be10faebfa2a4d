import type { Logger } from 'pino'

/** Hono context variables set by the middleware. */
export interface ApiEnv {
  Variables: {
    userId: string
    log: Logger
  }
}
