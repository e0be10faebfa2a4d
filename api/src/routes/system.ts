import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import type { ApiDeps, ApiOptions } from '../deps.ts'
import type { ApiEnv } from '../env.ts'
import { Id, errors, json } from '../schemas.ts'

export function systemRoutes({ tokens, ready, metrics }: ApiDeps, options: ApiOptions) {
  const app = new OpenAPIHono<ApiEnv>()
  app.get('/healthz', (c) => c.json({ status: 'ok' }))
  if (metrics) {
    app.get('/metrics', async (c) =>
      c.body(await metrics.metrics(), 200, { 'content-type': metrics.contentType }),
    )
  }
  app.get('/readyz', async (c) => {
    const ok = ready ? await ready().catch(() => false) : true
    return c.json({ status: ok ? 'ready' : 'not ready' }, ok ? 200 : 503)
  })
  if (options.devLogin) {
    app.openapi(
      createRoute({
        method: 'post',
        path: '/v1/dev/token',
        summary:
          'Development login: a token for any user id (TIDINGS_DEV_LOGIN: on by default in embedded mode; never in production)',
        request: {
          body: { content: { 'application/json': { schema: z.object({ userId: Id }) } }, required: true },
        },
        responses: {
          200: json(z.object({ token: z.string() }), 'a token, valid 24 hours'),
          400: errors[400],
        },
      }),
      async (c) => c.json({ token: await tokens.issue(c.req.valid('json').userId) }, 200),
    )
  }
  return app
}
