import { OpenAPIHono } from '@hono/zod-openapi'
import { ErrorCode } from '@tidings/proto'
import { requireUser } from './auth.ts'
import type { ApiDeps, ApiOptions } from './deps.ts'
import type { ApiEnv } from './env.ts'
import { errorBody, renderError } from './errors.ts'
import { httpMetrics } from './http-metrics.ts'
import { chatRoutes } from './routes/chats.ts'
import { meRoutes } from './routes/me.ts'
import { messageRoutes } from './routes/messages.ts'
import { systemRoutes } from './routes/system.ts'

/** The REST API as a Hono app (no listening here): history, chats and members, health. */
export function createApi(deps: ApiDeps, options: ApiOptions) {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const detail = result.error.issues
          .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
          .join('; ')
        return c.json(errorBody(ErrorCode.INVALID_REQUEST, detail), 400)
      }
    },
  })
  app.use('*', async (c, next) => {
    c.set('log', deps.log)
    await next()
  })
  if (deps.metrics) app.use('*', httpMetrics(deps.metrics))
  app.onError(renderError)
  app.notFound((c) =>
    c.json(errorBody(ErrorCode.NOT_FOUND, `no route for ${c.req.method} ${c.req.path}`), 404),
  )

  app.route('/', systemRoutes(deps, options))
  app.use('/v1/chats', requireUser(deps.tokens))
  app.use('/v1/chats/*', requireUser(deps.tokens))
  app.use('/v1/me/*', requireUser(deps.tokens))
  app.route('/', chatRoutes(deps))
  app.route('/', meRoutes(deps))
  app.route('/', messageRoutes(deps))

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  })
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Tidings API',
      version: '1.0.0',
      description: 'History, chats and members. Live events travel over MQTT; see docs/protocol.md.',
    },
  })
  return app
}
