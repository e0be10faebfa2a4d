import { createMiddleware } from 'hono/factory'
import type { TokenService } from '@tidings/broker/auth'
import { ErrorCode, TidingsError } from '@tidings/proto'
import type { ApiEnv } from './env.ts'

/** `Authorization: Bearer <jwt>`, the same token the device uses as its MQTT password. */
export const requireUser = (tokens: TokenService) =>
  createMiddleware<ApiEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match) throw new TidingsError(ErrorCode.UNAUTHORIZED, 'missing bearer token')
    const { userId } = await tokens.verify(match[1]!)
    c.set('userId', userId)
    await next()
  })
