import mqtt, { type MqttClient } from 'mqtt'
import {
  decodeServerEnvelope,
  encodeClientEnvelope,
  inboxTopic,
  newClientMsgId,
  outboxTopic,
} from '@tidings/proto'
import { HttpApi, devToken } from '@tidings/sdk'
import { LeanMqttClient } from '../lean-mqtt/lean-client.ts'
import { forEachLimited, noDelay } from './clients.ts'
import type { ConnectGroupOptions, Group, GroupTarget } from './group-target.ts'
import type { Pair, PairEvents, Target } from './target.ts'

export interface TidingsEndpoints {
  /** Senders connect round-robin over these brokers... */
  senderBrokers: string[]
  /** ...and receivers over these (a different broker than the sender, in a cluster). */
  receiverBrokers: string[]
  httpUrl: string
}

/** A lean MQTT client (lean-mqtt/lean-client.ts) + protobuf, no SDK: measures the platform, not the client library. */
export function tidingsTarget(name: string, at: TidingsEndpoints, run = Date.now().toString(36)): Target {
  const clients: LeanMqttClient[] = []
  const connect = async (url: string, userId: string) => {
    const client = await LeanMqttClient.connect({
      url,
      clientId: `${userId}/bench`,
      username: userId,
      password: await devToken(at.httpUrl, userId),
    })
    clients.push(client)
    return client
  }
  return {
    name,
    async connectPair(index: number, events: PairEvents): Promise<Pair> {
      const sender = `s${run}-${index}`
      const receiverId = `r${run}-${index}`
      const token = await devToken(at.httpUrl, sender)
      const chat = await new HttpApi(at.httpUrl, () => token).createDirectChat(receiverId)
      const receiver = await connect(at.receiverBrokers[index % at.receiverBrokers.length]!, receiverId)
      const receiverInbox = inboxTopic(receiverId)
      receiver.onMessage((topic, payload) => {
        if (topic !== receiverInbox) return
        const body = decodeServerEnvelope(payload).message?.body
        if (body) events.delivered(body)
      })
      const publisher = await connect(at.senderBrokers[index % at.senderBrokers.length]!, sender)
      // The ack of a send is the sender's own copy arriving on its inbox.
      const senderInbox = inboxTopic(sender)
      publisher.onMessage((topic, payload) => {
        if (topic === senderInbox && decodeServerEnvelope(payload).message) events.persisted()
      })
      const outbox = Buffer.from(outboxTopic(sender))
      return {
        send: (body) =>
          publisher.publish(
            outbox,
            encodeClientEnvelope({ send: { chatId: chat.id, clientMsgId: newClientMsgId(), body } }),
          ),
        close: async () => {
          await Promise.all([publisher.end(), receiver.end()])
        },
      }
    },
    async close() {
      await Promise.all(clients.map((c) => c.end()))
    },
  }
}

export interface TidingsGroupEndpoints {
  /** Members connect round-robin over these brokers. */
  brokers: string[]
  httpUrl: string
}

/**
 * The group scenario on Tidings, raw mqtt.js + protobuf: `members` users with one device each,
 * one group of all of them created through the REST API by member 0.
 */
export function tidingsGroupTarget(
  name: string,
  at: TidingsGroupEndpoints,
  run = Date.now().toString(36),
): GroupTarget {
  return {
    name,
    async connectGroup({ members, delivered, progress }: ConnectGroupOptions): Promise<Group> {
      const users = Array.from({ length: members }, (_, i) => `g${run}-${i}`)
      const clients: MqttClient[] = []
      const tokens: string[] = []
      let chatId = ''
      let joined = 0
      await forEachLimited(
        members,
        20,
        async (i) => {
          const userId = users[i]!
          tokens[i] = await devToken(at.httpUrl, userId)
          const client = await mqtt.connectAsync(at.brokers[i % at.brokers.length]!, {
            clientId: `${userId}/bench`,
            username: userId,
            password: tokens[i],
            reconnectPeriod: 0,
            protocolVersion: 4,
          })
          noDelay(client)
          client.on('message', (topic, payload) => {
            if (topic !== inboxTopic(userId)) return
            const envelope = decodeServerEnvelope(payload)
            if (envelope.message?.chatId === chatId && envelope.message.body)
              delivered(i, envelope.message.body)
            else if (envelope.chatUpdate && envelope.chatUpdate.chatId === chatId) joined++
          })
          clients[i] = client
        },
        (n) => progress?.(`  connected ${n}/${members}`),
      )
      const api = new HttpApi(at.httpUrl, () => tokens[0]!)
      // The API's limit is 499 others + the creator: exactly a 500-member group.
      chatId = (await api.createGroup(`bench ${run}`, users.slice(1))).id
      // Every member's device hears of the new chat; wait for that so no member's roster lags.
      for (let waited = 0; joined < members - 1 && waited < 30_000; waited += 50)
        await new Promise((r) => setTimeout(r, 50))
      progress?.(`  group ${chatId} created, ${joined} members told`)
      return {
        send: (member, body) =>
          clients[member]!.publish(
            outboxTopic(users[member]!),
            Buffer.from(encodeClientEnvelope({ send: { chatId, clientMsgId: newClientMsgId(), body } })),
            { qos: 1 },
          ),
        close: async () => {
          await Promise.all(clients.map((c) => c.endAsync(true)))
        },
      }
    },
  }
}
