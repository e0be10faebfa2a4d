import { z } from '@hono/zod-openapi'
import { MAX_GROUP_MEMBERS, MAX_HISTORY_PAGE } from '@tidings/proto'

export const Id = z
  .string()
  .regex(/^[A-Za-z0-9._@-]{1,64}$/)
  .openapi({ example: 'alice' })

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string().openapi({ example: 'NOT_A_MEMBER' }), message: z.string() }) })
  .openapi('Error')

export const ChatSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['direct', 'group']),
    title: z.string(),
    createdBy: z.string(),
    createdAt: z.number().int(),
    lastSeq: z.number().int(),
  })
  .openapi('Chat')

export const ChatSummarySchema = ChatSchema.extend({
  role: z.enum(['admin', 'member']),
  readSeq: z.number().int(),
  unread: z.number().int(),
}).openapi('ChatSummary')

export const MemberSchema = z
  .object({ userId: z.string(), role: z.enum(['admin', 'member']), joinedAt: z.number().int() })
  .openapi('Member')

export const MessageSchema = z
  .object({
    chatId: z.string(),
    seq: z.number().int(),
    senderId: z.string(),
    senderDevice: z.string(),
    clientMsgId: z.string().uuid(),
    sentAt: z.number().int(),
    kind: z.enum(['normal', 'edit', 'delete', 'reaction']),
    contentType: z.string(),
    body: z.string().openapi({ description: 'base64 of the opaque body' }),
    text: z.string().optional().openapi({ description: 'the body decoded, for text/* content types' }),
    replyToSeq: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'a reply: the seq of the message it answers' }),
    targetSeq: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'an edit, delete or reaction: the seq of the message it changes' }),
    editedAt: z.number().int().optional().openapi({
      description: 'set on an edited message: when it was last edited; body is the latest version',
    }),
    editSeq: z.number().int().optional().openapi({ description: 'the seq of the edit that produced body' }),
    deleted: z.literal(true).optional().openapi({
      description: 'a tombstone: the message was deleted and its content (and every edit of it) erased',
    }),
    reactions: z
      .record(z.string(), z.string())
      .optional()
      .openapi({ description: 'userId -> reaction, one per member; absent when nobody reacted' }),
  })
  .openapi('Message')

const Seq = z.coerce.number().int().min(0)

export const HistoryQuerySchema = z.object({
  before: Seq.optional().openapi({ description: 'messages with seq below this' }),
  after: Seq.optional().openapi({ description: 'messages with seq above this' }),
  limit: z.coerce.number().int().min(1).max(MAX_HISTORY_PAGE).default(50),
})

export const HistoryPageSchema = z
  .object({
    messages: z.array(MessageSchema),
    hasMore: z.boolean(),
    next: z
      .object({ before: z.number().int().optional(), after: z.number().int().optional() })
      .openapi({ description: 'query for the next page in the same direction; absent when hasMore is false' })
      .optional(),
  })
  .openapi('HistoryPage')

export const CreateChatSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('direct'), userId: Id }),
    z.object({
      kind: z.literal('group'),
      title: z.string().min(1).max(200),
      memberIds: z
        .array(Id)
        .max(MAX_GROUP_MEMBERS - 1)
        .default([]),
    }),
  ])
  .openapi('CreateChat')

export const RenameChatSchema = z.object({ title: z.string().min(1).max(200) }).openapi('RenameChat')

export const SetRoleSchema = z.object({ role: z.enum(['admin', 'member']) }).openapi('SetRole')

export const UserSettingsSchema = z
  .object({
    hideLastSeen: z
      .boolean()
      .openapi({ description: 'others see whether you are online, but not when you were last seen' }),
  })
  .openapi('UserSettings')

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
})

export const errors = {
  400: json(ErrorSchema, 'invalid request'),
  401: json(ErrorSchema, 'missing, invalid or expired token'),
  403: json(ErrorSchema, 'not allowed'),
  404: json(ErrorSchema, 'no such chat'),
}
