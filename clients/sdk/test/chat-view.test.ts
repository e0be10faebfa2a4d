import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { MessageKindName } from '@tidings/proto'
import { ChatView } from '../src/chat-view.ts'
import type { ChatMessage } from '../src/client.ts'

const TEXT = 'text/plain; charset=utf-8'

/** A chat log written the way the server would: seqs 1, 2, 3… in call order. */
function log() {
  const events: ChatMessage[] = []
  const add = (senderId: string, kind: MessageKindName, body: string, extra: Partial<ChatMessage> = {}) => {
    const seq = events.length + 1
    const m: ChatMessage = {
      chatId: 'c1',
      seq,
      senderId,
      senderDevice: 'phone',
      clientMsgId: `id-${seq}`,
      sentAt: 1000 + seq,
      kind,
      contentType: TEXT,
      body: new TextEncoder().encode(body),
      ...extra,
    }
    events.push(m)
    return m
  }
  return {
    events,
    send: (from: string, text: string, replyToSeq?: number) =>
      add(from, 'normal', text, replyToSeq ? { replyToSeq } : {}),
    edit: (from: string, targetSeq: number, text: string) => add(from, 'edit', text, { targetSeq }),
    delete: (from: string, targetSeq: number) => add(from, 'delete', '', { targetSeq }),
    react: (from: string, targetSeq: number, reaction: string) =>
      add(from, 'reaction', reaction, { targetSeq }),
  }
}

const viewOf = (events: readonly ChatMessage[]) => {
  const view = new ChatView('c1')
  for (const e of events) view.add(e)
  return view
}

describe('ChatView', () => {
  it('shows the latest edit with an edited flag, and replies preview what they answer as it stands', () => {
    const chat = log()
    chat.send('alice', 'lunch at 12?')
    chat.send('bob', 'sure', 1)
    chat.edit('alice', 1, 'lunch at 1?')
    chat.edit('alice', 1, 'lunch at 1:30?')
    const items = viewOf(chat.events).items()
    expect(items.map((i) => i.seq)).toEqual([1, 2])
    expect(items[0]).toMatchObject({ text: 'lunch at 1:30?', edited: true, editedAt: 1004, deleted: false })
    expect(items[1]).toMatchObject({
      text: 'sure',
      edited: false,
      replyTo: { seq: 1, loaded: true, senderId: 'alice', text: 'lunch at 1:30?', deleted: false },
    })
    expect(items[1]!.editedAt).toBeUndefined()
  })

  it('makes a tombstone of a deleted message: no text, no reactions, and later events change nothing', () => {
    const chat = log()
    chat.send('alice', 'oops, wrong chat')
    chat.react('bob', 1, '😮')
    chat.send('bob', 'what?', 1)
    chat.delete('alice', 1)
    chat.edit('alice', 1, 'back') // the server refuses these; a view still must not show them
    chat.react('carol', 1, '👍')
    const [deleted, reply] = viewOf(chat.events).items()
    expect(deleted).toMatchObject({
      seq: 1,
      deleted: true,
      edited: false,
      reactions: [],
      body: new Uint8Array(),
    })
    expect(deleted!.text).toBeUndefined()
    expect(reply!.replyTo).toEqual({ seq: 1, loaded: true, senderId: 'alice', deleted: true })
    expect(JSON.stringify(viewOf(chat.events).items())).not.toContain('wrong chat')
  })

  it('aggregates reactions, one per member: a new one replaces it, an empty one removes it', () => {
    const chat = log()
    chat.send('alice', 'ship it?')
    chat.react('bob', 1, '👍')
    chat.react('carol', 1, '👍')
    chat.react('dave', 1, '❤️')
    expect(viewOf(chat.events).item(1)!.reactions).toEqual([
      { reaction: '👍', userIds: ['bob', 'carol'] },
      { reaction: '❤️', userIds: ['dave'] },
    ])
    chat.react('bob', 1, '❤️')
    chat.react('carol', 1, '')
    expect(viewOf(chat.events).item(1)!.reactions).toEqual([{ reaction: '❤️', userIds: ['bob', 'dave'] }])
  })

  it("ignores another member's edit or delete", () => {
    const chat = log()
    chat.send('alice', 'mine')
    chat.edit('bob', 1, 'hijacked')
    chat.delete('bob', 1)
    expect(viewOf(chat.events).item(1)).toMatchObject({ text: 'mine', edited: false, deleted: false })
  })

  it('holds events whose message is not loaded, and previews a reply to it as not loaded', () => {
    const chat = log()
    const original = chat.send('alice', 'old news')
    chat.send('bob', 'about that', 1)
    chat.edit('alice', 1, 'old news, corrected')
    const view = viewOf(chat.events.slice(1))
    expect(view.items().map((i) => i.seq)).toEqual([2])
    expect(view.item(2)!.replyTo).toEqual({ seq: 1, loaded: false })
    view.add(original)
    expect(view.item(1)).toMatchObject({ text: 'old news, corrected', edited: true })
    expect(view.item(3)).toBeUndefined() // an event, not a message
  })

  it('gives the same items whatever order and however often events arrive', () => {
    const users = ['alice', 'bob', 'carol']
    const op = fc.oneof(
      fc.record({ type: fc.constant('send' as const), from: fc.constantFrom(...users), reply: fc.nat(20) }),
      fc.record({
        type: fc.constant('edit' as const),
        target: fc.nat(20),
        text: fc.string({ maxLength: 5 }),
      }),
      fc.record({ type: fc.constant('delete' as const), target: fc.nat(20) }),
      fc.record({
        type: fc.constant('react' as const),
        from: fc.constantFrom(...users),
        target: fc.nat(20),
        reaction: fc.constantFrom('', '👍', '❤️', '😂'),
      }),
    )
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 40 }).chain((ops) => {
          const chat = log()
          const senders = new Map<number, string>()
          for (const o of ops) {
            const messages = [...senders.keys()]
            const pick = (n: number) => messages[n % Math.max(messages.length, 1)]
            if (o.type === 'send') {
              const m = chat.send(o.from, `m${chat.events.length + 1}`, pick(o.reply))
              senders.set(m.seq, o.from)
            } else if (messages.length === 0) continue
            else if (o.type === 'edit')
              chat.edit(senders.get(pick(o.target)!)!, pick(o.target)!, o.text || 'x')
            else if (o.type === 'delete') chat.delete(senders.get(pick(o.target)!)!, pick(o.target)!)
            else chat.react(o.from, pick(o.target)!, o.reaction)
          }
          const twice = [...chat.events, ...chat.events]
          return fc.tuple(fc.constant(chat.events), fc.shuffledSubarray(twice, { minLength: twice.length }))
        }),
        ([inOrder, shuffled]) => {
          expect(viewOf(shuffled).items()).toEqual(viewOf(inOrder).items())
        },
      ),
    )
  })

  it('takes history pages that already carry the current state without applying old events twice', () => {
    const chat = log()
    chat.send('alice', 'v1') // 1
    chat.react('bob', 1, '👍') // 2
    chat.edit('alice', 1, 'v2') // 3
    chat.react('bob', 1, '❤️') // 4
    chat.send('bob', 'reply', 1) // 5
    const live = viewOf(chat.events).items()
    // What the history API returns once all five are stored: message 1 in its current state.
    const rendered = { ...chat.events[0]!, body: new TextEncoder().encode('v2'), editedAt: 1003, editSeq: 3 }
    const page1: ChatMessage[] = [{ ...rendered, reactions: { bob: '❤️' } }, ...chat.events.slice(1, 3)]
    const page2 = chat.events.slice(3)
    // Read from the start, page 1 alone already shows bob's newer reaction, not the 👍 it holds.
    const forward = new ChatView('c1')
    forward.addPage(page1)
    expect(forward.item(1)).toMatchObject({
      text: 'v2',
      edited: true,
      reactions: [{ reaction: '❤️', userIds: ['bob'] }],
    })
    // Newest page first, as an app scrolling up loads them.
    const view = new ChatView('c1')
    view.addPage(page2)
    view.addPage(page1)
    expect(view.items()).toEqual(live)
    // And a live event after the page applies on top of it.
    view.add(chat.react('bob', 1, ''))
    view.add(chat.edit('alice', 1, 'v3'))
    expect(view.item(1)).toMatchObject({ text: 'v3', reactions: [], editedAt: 1007 })
  })

  it('keeps a reaction removed before the page was read removed, though the view holds the reaction', () => {
    const chat = log()
    chat.send('alice', 'hi')
    chat.react('bob', 1, '👍')
    chat.react('bob', 1, '')
    const view = new ChatView('c1')
    view.addPage([chat.events[1]!]) // the reaction, in a page of its own
    view.addPage([chat.events[0]!, chat.events[2]!]) // message 1 as stored now: no reactions
    expect(view.item(1)!.reactions).toEqual([])
  })

  it('takes a tombstone from history', () => {
    const chat = log()
    chat.send('alice', 'secret')
    chat.delete('alice', 1)
    const page = [{ ...chat.events[0]!, body: new Uint8Array(), deleted: true as const }, chat.events[1]!]
    const view = new ChatView('c1')
    view.addPage(page)
    expect(view.item(1)).toMatchObject({ deleted: true, reactions: [] })
    expect(view.item(1)!.text).toBeUndefined()
  })

  it('keeps to its own chat', () => {
    const chat = log()
    const view = viewOf([{ ...chat.send('alice', 'elsewhere'), chatId: 'c2' }])
    expect(view.items()).toEqual([])
  })
})
