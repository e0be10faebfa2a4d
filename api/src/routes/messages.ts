import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import {
  DEFAULT_CONTENT_TYPE,
  MESSAGE_KIND_NAMES,
  ErrorCode,
  TidingsError,
  bytesToUuid,
} from '@tidings/proto'
import type { StoredMessage } from '@tidings/bridge/store'
import type { ApiDeps } from '../deps.ts'
import type { ApiEnv } from '../env.ts'
import { HistoryPageSchema, HistoryQuerySchema, Id, errors, json } from '../schemas.ts'
import { requireMembership } from './chats.ts'

export function toJson(m: StoredMessage) {
  const contentType = m.contentType || DEFAULT_CONTENT_TYPE
  return {
    chatId: m.chatId,
    seq: m.seq,
    senderId: m.senderId,
    senderDevice: m.senderDevice,
    clientMsgId: bytesToUuid(m.clientMsgId),
    sentAt: m.sentAt,
    kind: MESSAGE_KIND_NAMES[m.kind] ?? 'normal',
    contentType,
    body: Buffer.from(m.body).toString('base64'),
    ...(contentType.startsWith('text/') && !m.deleted ? { text: Buffer.from(m.body).toString('utf8') } : {}),
    ...(m.replyToSeq ? { replyToSeq: m.replyToSeq } : {}),
    ...(m.targetSeq ? { targetSeq: m.targetSeq } : {}),
    ...(m.editedAt !== undefined ? { editedAt: m.editedAt, editSeq: m.editSeq } : {}),
    ...(m.deleted ? { deleted: true as const } : {}),
    ...(m.reactions ? { reactions: m.reactions } : {}),
  }
}

export function messageRoutes({ chats, messages }: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>()
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/chats/{chatId}/messages',
      security: [{ bearer: [] }],
      summary: 'History, oldest first within a page; keyset cursor on seq',
      description:
        'No cursor: the latest `limit` messages. `before=N`: older than N. `after=N`: newer than N (use after=0 to read from the start). ' +
        'Edits, deletes and reactions are entries of their own; the message they target also shows its current state ' +
        '(`editedAt`, `deleted`, `reactions`), so a page renders without folding.',
      request: { params: z.object({ chatId: Id }), query: HistoryQuerySchema },
      responses: { 200: json(HistoryPageSchema, 'one page'), ...errors },
    }),
    async (c) => {
      const { chatId } = c.req.valid('param')
      const { before, after, limit } = c.req.valid('query')
      if (before !== undefined && after !== undefined)
        throw new TidingsError(ErrorCode.INVALID_REQUEST, 'use before or after, not both')
      await requireMembership(chats, chatId, c.get('userId'))
      const page = await messages.history(chatId, { before, after, limit })
      const first = page.messages[0]
      const last = page.messages.at(-1)
      const next = !page.hasMore
        ? undefined
        : after !== undefined
          ? { after: last!.seq }
          : { before: first!.seq }
      return c.json(
        { messages: page.messages.map(toJson), hasMore: page.hasMore, ...(next ? { next } : {}) },
        200,
      )
    },
  )
  return app
}
