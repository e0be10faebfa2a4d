import { OpenAPIHono, createRoute } from '@hono/zod-openapi'
import type { ApiDeps } from '../deps.ts'
import type { ApiEnv } from '../env.ts'
import { UserSettingsSchema, errors, json } from '../schemas.ts'

const security = [{ bearer: [] }]

/** The caller's own settings. */
export function meRoutes({ chats }: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>()

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/me/settings',
      security,
      summary: 'My settings',
      responses: { 200: json(UserSettingsSchema, 'settings'), ...errors },
    }),
    async (c) => c.json(await chats.userSettings(c.get('userId')), 200),
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/me/settings',
      security,
      summary: 'Change my settings (only the fields given)',
      request: {
        body: { content: { 'application/json': { schema: UserSettingsSchema.partial() } }, required: true },
      },
      responses: { 200: json(UserSettingsSchema, 'the settings now'), ...errors },
    }),
    async (c) => c.json(await chats.updateUserSettings(c.get('userId'), c.req.valid('json')), 200),
  )

  return app
}
