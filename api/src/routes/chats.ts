import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import { ChatUpdateKind, ErrorCode, TidingsError } from '@tidings/proto'
import type { ChatStore } from '@tidings/bridge/store'
import { announce } from '../chat-events.ts'
import type { ApiDeps } from '../deps.ts'
import type { ApiEnv } from '../env.ts'
import {
  ChatSchema,
  ChatSummarySchema,
  CreateChatSchema,
  ErrorSchema,
  Id,
  MemberSchema,
  errors,
  json,
} from '../schemas.ts'

const ChatParams = z.object({ chatId: Id })
const security = [{ bearer: [] }]

/** Throws UNKNOWN_CHAT / NOT_A_MEMBER; a chat you are not in looks the same as one that does not exist to nobody. */
export async function requireMembership(chats: ChatStore, chatId: string, userId: string) {
  const chat = await chats.getChat(chatId)
  if (!chat) throw new TidingsError(ErrorCode.UNKNOWN_CHAT, `chat ${chatId} does not exist`)
  if (!(await chats.isMember(chatId, userId)))
    throw new TidingsError(ErrorCode.NOT_A_MEMBER, `you are not a member of ${chatId}`)
  return chat
}

export function chatRoutes({ chats, bus }: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>()

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/chats',
      security,
      summary: 'Create a 1:1 chat (idempotent) or a group',
      request: { body: { content: { 'application/json': { schema: CreateChatSchema } }, required: true } },
      responses: {
        200: json(ChatSchema, 'the existing 1:1 chat'),
        201: json(ChatSchema, 'created'),
        ...errors,
      },
    }),
    async (c) => {
      const me = c.get('userId')
      const body = c.req.valid('json')
      if (body.kind === 'direct') {
        if (body.userId === me)
          throw new TidingsError(ErrorCode.INVALID_REQUEST, 'a 1:1 chat needs another user')
        const { chat, created } = await chats.createDirect(me, body.userId)
        if (created) announce(bus, [me, body.userId], chat.id, ChatUpdateKind.CHAT_UPDATE_KIND_CREATED)
        return c.json(chat, created ? 201 : 200)
      }
      const memberIds = body.memberIds.filter((id) => id !== me)
      const chat = await chats.createGroup({ title: body.title, createdBy: me, memberIds })
      announce(bus, [me, ...memberIds], chat.id, ChatUpdateKind.CHAT_UPDATE_KIND_CREATED, {
        title: chat.title,
      })
      return c.json(chat, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/chats',
      security,
      summary: 'My chats, most recently active first, with unread counts',
      responses: { 200: json(z.object({ chats: z.array(ChatSummarySchema) }), 'chat list'), ...errors },
    }),
    async (c) => {
      const list = await chats.chatsOf(c.get('userId'))
      return c.json(
        {
          chats: list.map(({ deliveredSeq: _d, ...chat }) => ({
            ...chat,
            unread: Math.max(0, chat.lastSeq - chat.readSeq),
          })),
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/chats/{chatId}',
      security,
      summary: 'A chat and its members',
      request: { params: ChatParams },
      responses: { 200: json(ChatSchema.extend({ members: z.array(MemberSchema) }), 'the chat'), ...errors },
    }),
    async (c) => {
      const { chatId } = c.req.valid('param')
      const chat = await requireMembership(chats, chatId, c.get('userId'))
      return c.json({ ...chat, members: await chats.members(chatId) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/chats/{chatId}/members',
      security,
      summary: 'Add a member (group admins only)',
      request: {
        params: ChatParams,
        body: { content: { 'application/json': { schema: z.object({ userId: Id }) } }, required: true },
      },
      responses: {
        200: json(z.object({ added: z.boolean() }), 'added, or already a member'),
        409: json(ErrorSchema, 'not a group'),
        ...errors,
      },
    }),
    async (c) => {
      const { chatId } = c.req.valid('param')
      const { userId } = c.req.valid('json')
      const chat = await requireAdmin(chats, chatId, c.get('userId'))
      if (chat.kind !== 'group')
        throw new TidingsError(ErrorCode.CONFLICT, 'members can only be added to groups')
      const added = await chats.addMember(chatId, userId)
      if (added)
        announce(bus, await chats.memberIds(chatId), chatId, ChatUpdateKind.CHAT_UPDATE_KIND_MEMBER_ADDED, {
          userId,
        })
      return c.json({ added }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/chats/{chatId}/members/{userId}',
      security,
      summary: 'Remove a member (group admins), or leave (yourself)',
      request: { params: ChatParams.extend({ userId: Id }) },
      responses: { 200: json(z.object({ removed: z.boolean() }), 'removed, or was not a member'), ...errors },
    }),
    async (c) => {
      const { chatId, userId } = c.req.valid('param')
      const me = c.get('userId')
      const chat =
        userId === me ? await requireMembership(chats, chatId, me) : await requireAdmin(chats, chatId, me)
      if (chat.kind !== 'group') throw new TidingsError(ErrorCode.CONFLICT, 'nobody can leave a 1:1 chat')
      const before = await chats.memberIds(chatId)
      const removed = await chats.removeMember(chatId, userId)
      if (removed) announce(bus, before, chatId, ChatUpdateKind.CHAT_UPDATE_KIND_MEMBER_REMOVED, { userId })
      return c.json({ removed }, 200)
    },
  )

  return app
}

async function requireAdmin(chats: ChatStore, chatId: string, userId: string) {
  const chat = await requireMembership(chats, chatId, userId)
  const me = (await chats.members(chatId)).find((m) => m.userId === userId)
  if (chat.kind === 'group' && me?.role !== 'admin')
    throw new TidingsError(ErrorCode.FORBIDDEN, 'only group admins can do this')
  return chat
}
