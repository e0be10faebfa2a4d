import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import { ChatUpdateKind, ErrorCode, MAX_GROUP_MEMBERS, TidingsError } from '@tidings/proto'
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
  RenameChatSchema,
  SetRoleSchema,
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
      if ((await chats.memberIds(chatId)).length >= MAX_GROUP_MEMBERS)
        throw new TidingsError(ErrorCode.CONFLICT, `a group has at most ${MAX_GROUP_MEMBERS} members`)
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
      const before = await chats.members(chatId)
      const removed = await chats.removeMember(chatId, userId)
      if (!removed) return c.json({ removed }, 200)
      const ids = before.map((m) => m.userId)
      announce(bus, ids, chatId, ChatUpdateKind.CHAT_UPDATE_KIND_MEMBER_REMOVED, { userId })
      // A group never stays without an admin: the longest-standing member takes over.
      const rest = before.filter((m) => m.userId !== userId)
      if (rest.length > 0 && !rest.some((m) => m.role === 'admin')) {
        const heir = rest.reduce((a, b) => (b.joinedAt < a.joinedAt ? b : a))
        if (await chats.setRole(chatId, heir.userId, 'admin'))
          announce(bus, ids, chatId, ChatUpdateKind.CHAT_UPDATE_KIND_ROLE_CHANGED, {
            userId: heir.userId,
            role: 'admin',
          })
      }
      return c.json({ removed }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/chats/{chatId}',
      security,
      summary: 'Rename a group (group admins only)',
      request: {
        params: ChatParams,
        body: { content: { 'application/json': { schema: RenameChatSchema } }, required: true },
      },
      responses: { 200: json(ChatSchema, 'renamed'), 409: json(ErrorSchema, 'not a group'), ...errors },
    }),
    async (c) => {
      const { chatId } = c.req.valid('param')
      const { title } = c.req.valid('json')
      const chat = await requireAdmin(chats, chatId, c.get('userId'))
      if (chat.kind !== 'group') throw new TidingsError(ErrorCode.CONFLICT, 'only groups have a title')
      const renamed = await chats.renameChat(chatId, title)
      announce(bus, await chats.memberIds(chatId), chatId, ChatUpdateKind.CHAT_UPDATE_KIND_RENAMED, { title })
      return c.json(renamed, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/chats/{chatId}/members/{userId}',
      security,
      summary: "Change a member's role (group admins only); a group keeps at least one admin",
      request: {
        params: ChatParams.extend({ userId: Id }),
        body: { content: { 'application/json': { schema: SetRoleSchema } }, required: true },
      },
      responses: {
        200: json(MemberSchema, 'the member with the new role'),
        409: json(ErrorSchema, 'not a group, or the last admin'),
        ...errors,
      },
    }),
    async (c) => {
      const { chatId, userId } = c.req.valid('param')
      const { role } = c.req.valid('json')
      const chat = await requireAdmin(chats, chatId, c.get('userId'))
      if (chat.kind !== 'group') throw new TidingsError(ErrorCode.CONFLICT, 'only groups have roles')
      const members = await chats.members(chatId)
      const member = members.find((m) => m.userId === userId)
      if (!member) throw new TidingsError(ErrorCode.NOT_A_MEMBER, `${userId} is not a member of ${chatId}`)
      if (
        role === 'member' &&
        member.role === 'admin' &&
        !members.some((m) => m.role === 'admin' && m !== member)
      )
        throw new TidingsError(ErrorCode.CONFLICT, 'a group needs at least one admin')
      if (member.role !== role) {
        await chats.setRole(chatId, userId, role)
        announce(
          bus,
          members.map((m) => m.userId),
          chatId,
          ChatUpdateKind.CHAT_UPDATE_KIND_ROLE_CHANGED,
          {
            userId,
            role,
          },
        )
      }
      return c.json({ ...member, role }, 200)
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
