import mqtt, { type MqttClient } from 'mqtt'
import { LeanMqttClient } from '../lean-mqtt/lean-client.ts'
import { forEachLimited, noDelay } from './clients.ts'
import type { ConnectGroupOptions, Group, GroupTarget } from './group-target.ts'
import type { Pair, PairEvents, Target } from './target.ts'

/** The baseline: plain QoS 1 relay through Mosquitto (no auth, no storage, no fan-out logic). */
export function mosquittoTarget(url: string): Target {
  const clients: LeanMqttClient[] = []
  const connect = async (clientId: string) => {
    const client = await LeanMqttClient.connect({ url, clientId })
    clients.push(client)
    return client
  }
  return {
    name: 'Mosquitto (relay baseline)',
    async connectPair(index: number, events: PairEvents): Promise<Pair> {
      const topic = `bench/${index}`
      const topicBytes = Buffer.from(topic)
      const receiver = await connect(`r${index}`)
      receiver.onMessage((_t, payload) => events.delivered(payload))
      await receiver.subscribe(topic)
      const sender = await connect(`s${index}`)
      const persisted = (ok: boolean) => ok && events.persisted()
      return {
        send: (body) => sender.publish(topicBytes, body, persisted),
        close: async () => {
          await Promise.all([sender.end(), receiver.end()])
        },
      }
    },
    async close() {
      await Promise.all(clients.map((c) => c.end()))
    },
  }
}

/** The group baseline: every member subscribes to one topic at QoS 1 and publishes to it. */
export function mosquittoGroupTarget(url: string, run = Date.now().toString(36)): GroupTarget {
  return {
    name: 'Mosquitto (relay baseline)',
    async connectGroup({ members, delivered, progress }: ConnectGroupOptions): Promise<Group> {
      const topic = `bench/group/${run}`
      const clients: MqttClient[] = []
      await forEachLimited(
        members,
        20,
        async (i) => {
          const client = await mqtt.connectAsync(url, {
            clientId: `g${run}-${i}`,
            reconnectPeriod: 0,
            protocolVersion: 4,
          })
          noDelay(client)
          client.on('message', (_t, payload) => delivered(i, payload))
          await client.subscribeAsync(topic, { qos: 1 })
          clients[i] = client
        },
        (n) => progress?.(`  connected ${n}/${members}`),
      )
      return {
        send: (member, body) => clients[member]!.publish(topic, Buffer.from(body), { qos: 1 }),
        close: async () => {
          await Promise.all(clients.map((c) => c.endAsync(true)))
        },
      }
    },
  }
}
