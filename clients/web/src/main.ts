// The web chat page: dev login, chat list, messages, a send box, and pending marks from the
// SDK's IndexedDB outbox (a message written while offline survives a reload and is sent later).
import {
  HttpApi,
  IndexedDbOutboxStorage,
  TidingsClient,
  backoffDelay,
  devToken,
  type ApiChatSummary,
  type ChatMessage,
  type OutboxEntry,
} from '@tidings/sdk'

const params = new URLSearchParams(location.search)
const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T

const state = {
  client: undefined as TidingsClient | undefined,
  chats: [] as ApiChatSummary[],
  current: undefined as string | undefined,
  messages: new Map<string, Map<number, ChatMessage>>(),
  pending: [] as OutboxEntry[],
}

async function main(): Promise<void> {
  const userId = params.get('user') ?? (await askUserId())
  const deviceId = params.get('device') ?? rememberedDeviceId(userId)
  const apiUrl = params.get('api') ?? location.origin // the dev server proxies /v1 to the API
  const wsUrl = params.get('ws') ?? `ws://${location.hostname}:8083/mqtt`
  $('#me').textContent = `${userId} (${deviceId})`
  const token = await devToken(apiUrl, userId)
  const api = new HttpApi(apiUrl, () => token)
  const outbox = new IndexedDbOutboxStorage(`tidings-outbox-${userId}`)

  // Before the broker answers: the chats, and what an earlier visit left unsent.
  state.pending = (await outbox.load()).filter((e) => e.userId === userId)
  await refreshChats(api)
  wireForms(api)
  setInterval(showStatus, 250)

  const client = await connectUntilOnline({ url: wsUrl, apiUrl, token, userId, deviceId, outbox })
  state.client = client
  // The browser knows when the network is back: no need to wait out the reconnect backoff.
  window.addEventListener('online', () => client.reconnectNow())
  client.onMessage((m) => {
    messagesOf(m.chatId).set(m.seq, m)
    if (!state.chats.some((c) => c.id === m.chatId)) void refreshChats(api)
    if (m.chatId === state.current) client.markRead(m.chatId, m.seq)
    render()
  })
  client.onOutbox(() => {
    state.pending = client.pending()
    render()
  })
  client.onEvent((e) => {
    if (e.event === 'chatUpdate') void refreshChats(api)
  })
  state.pending = client.pending()
  document
    .querySelectorAll<HTMLInputElement | HTMLButtonElement>('#composer input, #composer button')
    .forEach((input) => (input.disabled = false))
  if (state.current) await openChat(state.current)
  render()
}

/** The SDK's connect() fails while the broker is unreachable: keep trying, with jittered backoff. */
async function connectUntilOnline(
  options: Parameters<typeof TidingsClient.connect>[0],
): Promise<TidingsClient> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await TidingsClient.connect(options)
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHORIZED') throw err
      await new Promise((r) => setTimeout(r, backoffDelay(attempt, 250, 5_000)))
    }
  }
}

function wireForms(api: HttpApi): void {
  $('#composer').addEventListener('submit', (event) => {
    event.preventDefault()
    const input = $<HTMLInputElement>('#composer input')
    const text = input.value.trim()
    if (!text || !state.current || !state.client) return
    input.value = ''
    // Pending until stored; a refusal shows as an alert, a timeout leaves it pending in the outbox.
    state.client.send(state.current, text).catch((err: { code?: string; message: string }) => {
      if (err.code !== 'UNAVAILABLE') alert(`not sent: ${err.message}`)
    })
  })
  $('#new-chat').addEventListener('submit', async (event) => {
    event.preventDefault()
    const input = $<HTMLInputElement>('#new-chat input')
    const chat = await api.createDirectChat(input.value.trim())
    input.value = ''
    await refreshChats(api)
    await openChat(chat.id)
  })
}

async function refreshChats(api: HttpApi): Promise<void> {
  state.chats = await api.chats()
  render()
}

async function openChat(chatId: string): Promise<void> {
  state.current = chatId
  render()
  if (!state.client) return // history once connected
  const page = await state.client.history(chatId, { limit: 50 })
  for (const m of page.messages) messagesOf(chatId).set(m.seq, m)
  const last = page.messages.at(-1)
  if (last) state.client.markRead(chatId, last.seq)
  render()
}

const messagesOf = (chatId: string) => {
  let messages = state.messages.get(chatId)
  if (!messages) state.messages.set(chatId, (messages = new Map()))
  return messages
}

function render(): void {
  $('#chats').replaceChildren(
    ...state.chats.map((c) => {
      const li = element('li', c.title || c.id, {
        'data-chat-id': c.id,
        'aria-current': String(c.id === state.current),
      })
      li.addEventListener('click', () => void openChat(c.id))
      return li
    }),
  )
  const chatId = state.current
  if (!chatId) return void $('#messages').replaceChildren()
  const stored = [...messagesOf(chatId).values()].sort((a, b) => a.seq - b.seq)
  const pending = state.pending.filter((e) => e.chatId === chatId)
  $('#messages').replaceChildren(
    ...stored.map((m) =>
      element(
        'li',
        `${m.senderId}: ${m.kind === 'normal' ? (m.text ?? '') : `[${m.kind} #${m.targetSeq}] ${m.text ?? ''}`}`,
        {
          class: 'message',
          'data-seq': String(m.seq),
          'data-client-msg-id': m.clientMsgId,
        },
      ),
    ),
    ...pending.map((e) =>
      element('li', `${e.userId}: ${new TextDecoder().decode(e.body)}`, {
        class: 'message pending',
        'data-client-msg-id': e.clientMsgId,
      }),
    ),
  )
}

function showStatus(): void {
  const status = $('#status')
  const online = state.client?.connected ?? false
  status.dataset.state = online ? 'online' : 'offline'
  status.textContent = online ? 'online' : 'offline'
}

function element(tag: string, text: string, attributes: Record<string, string>): HTMLElement {
  const el = document.createElement(tag)
  el.textContent = text
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v)
  return el
}

function askUserId(): Promise<string> {
  const form = $<HTMLFormElement>('#login')
  form.hidden = false
  return new Promise((resolve) =>
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      form.hidden = true
      resolve(new FormData(form).get('user') as string)
    }),
  )
}

/** One device id per browser and user, so a reload is the same device. */
function rememberedDeviceId(userId: string): string {
  const key = `tidings.device.${userId}`
  const id = localStorage.getItem(key) ?? `web-${crypto.randomUUID().slice(0, 8)}`
  localStorage.setItem(key, id)
  return id
}

main().catch((err: Error) => {
  $('#status').textContent = `error: ${err.message}`
  console.error(err)
})
