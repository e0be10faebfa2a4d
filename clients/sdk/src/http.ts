import { TidingsError, type ErrorCode, type MessageKindName } from '@tidings/proto'

export interface ApiMessage {
  chatId: string
  seq: number
  senderId: string
  senderDevice: string
  clientMsgId: string
  sentAt: number
  kind: MessageKindName
  contentType: string
  body: string
  text?: string
  replyToSeq?: number
  targetSeq?: number
  /** History only: the message's current state after edits, a delete and reactions. */
  editedAt?: number
  editSeq?: number
  deleted?: true
  reactions?: Record<string, string>
}

export interface ApiChat {
  id: string
  kind: 'direct' | 'group'
  title: string
  createdBy: string
  createdAt: number
  lastSeq: number
}

export interface ApiChatSummary extends ApiChat {
  role: 'admin' | 'member'
  readSeq: number
  unread: number
}

export interface ApiMember {
  userId: string
  role: 'admin' | 'member'
  joinedAt: number
}

export interface UserSettings {
  /** Others see whether you are online, but not when you were last seen. */
  hideLastSeen: boolean
}

export interface HistoryPage {
  messages: ApiMessage[]
  hasMore: boolean
  next?: { before?: number; after?: number }
}

/** A token from the dev login (`POST /v1/dev/token`, embedded mode and `npm run cluster` only). */
export async function devToken(apiUrl: string, userId: string): Promise<string> {
  const res = await fetch(new URL('/v1/dev/token', apiUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  })
  if (!res.ok) throw new TidingsError('UNAUTHORIZED', `dev login failed: HTTP ${res.status}`)
  return ((await res.json()) as { token: string }).token
}

/** The REST half of the SDK: plain fetch, so it runs in Node and in browsers. */
export class HttpApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: () => string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${this.token()}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    const json = (await res.json().catch(() => ({}))) as { error?: { code: ErrorCode; message: string } }
    if (!res.ok)
      throw new TidingsError(json.error?.code ?? 'INTERNAL', json.error?.message ?? `HTTP ${res.status}`)
    return json as T
  }

  history(
    chatId: string,
    query: { before?: number; after?: number; limit?: number } = {},
  ): Promise<HistoryPage> {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v))
    return this.request('GET', `/v1/chats/${encodeURIComponent(chatId)}/messages?${params}`)
  }

  createDirectChat(userId: string): Promise<ApiChat> {
    return this.request('POST', '/v1/chats', { kind: 'direct', userId })
  }

  createGroup(title: string, memberIds: string[]): Promise<ApiChat> {
    return this.request('POST', '/v1/chats', { kind: 'group', title, memberIds })
  }

  addMember(chatId: string, userId: string): Promise<{ added: boolean }> {
    return this.request('POST', `/v1/chats/${encodeURIComponent(chatId)}/members`, { userId })
  }

  removeMember(chatId: string, userId: string): Promise<{ removed: boolean }> {
    return this.request(
      'DELETE',
      `/v1/chats/${encodeURIComponent(chatId)}/members/${encodeURIComponent(userId)}`,
    )
  }

  renameChat(chatId: string, title: string): Promise<ApiChat> {
    return this.request('PATCH', `/v1/chats/${encodeURIComponent(chatId)}`, { title })
  }

  setRole(chatId: string, userId: string, role: 'admin' | 'member'): Promise<ApiMember> {
    return this.request(
      'PATCH',
      `/v1/chats/${encodeURIComponent(chatId)}/members/${encodeURIComponent(userId)}`,
      { role },
    )
  }

  chat(chatId: string): Promise<ApiChat & { members: ApiMember[] }> {
    return this.request('GET', `/v1/chats/${encodeURIComponent(chatId)}`)
  }

  settings(): Promise<UserSettings> {
    return this.request('GET', '/v1/me/settings')
  }

  updateSettings(change: Partial<UserSettings>): Promise<UserSettings> {
    return this.request('PATCH', '/v1/me/settings', change)
  }

  async chats(): Promise<ApiChatSummary[]> {
    return (await this.request<{ chats: ApiChatSummary[] }>('GET', '/v1/chats')).chats
  }
}
