import mqtt, { type MqttClient } from 'mqtt'
import {
  decodeServerEnvelope,
  encodeClientEnvelope,
  inboxTopic,
  newClientMsgId,
  outboxTopic,
} from '@tidings/proto'
import { HttpApi } from '@tidings/sdk'
import type { Pair, PairEvents, Target } from './target.ts'

export interface TidingsEndpoints {
  /** Senders connect round-robin over these brokers... */
  senderBrokers: string[]
  /** ...and receivers over these (a different broker than the sender, in a cluster). */
  receiverBrokers: string[]
  httpUrl: string
}

async function devToken(httpUrl: string, userId: string): Promise<string> {
  const res = await fetch(`${httpUrl}/v1/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  })
  return ((await res.json()) as { token: string }).token
}

/** Raw mqtt.js + protobuf, no SDK: measures the platform, not the client library. */
export function tidingsTarget(name: string, at: TidingsEndpoints, run = Date.now().toString(36)): Target {
  const clients: MqttClient[] = []
  const connect = async (url: string, userId: string) => {
    const client = await mqtt.connectAsync(url, {
      clientId: `${userId}/bench`,
      username: userId,
      password: await devToken(at.httpUrl, userId),
      reconnectPeriod: 0,
      protocolVersion: 4,
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
      receiver.on('message', (topic, payload) => {
        if (topic !== inboxTopic(receiverId)) return
        const body = decodeServerEnvelope(payload).message?.body
        if (body) events.delivered(body)
      })
      const publisher = await connect(at.senderBrokers[index % at.senderBrokers.length]!, sender)
      // The ack of a send is the sender's own copy arriving on its inbox.
      publisher.on('message', (topic, payload) => {
        if (topic === inboxTopic(sender) && decodeServerEnvelope(payload).message) events.persisted()
      })
      return {
        send: (body) =>
          publisher.publish(
            outboxTopic(sender),
            Buffer.from(
              encodeClientEnvelope({ send: { chatId: chat.id, clientMsgId: newClientMsgId(), body } }),
            ),
            { qos: 1 },
          ),
        close: async () => {
          await Promise.all([publisher.endAsync(), receiver.endAsync()])
        },
      }
    },
    async close() {
      await Promise.all(clients.map((c) => c.endAsync(true)))
    },
  }
}
