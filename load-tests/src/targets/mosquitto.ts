import mqtt, { type MqttClient } from 'mqtt'
import { forEachLimited, noDelay } from './clients.ts'
import type { ConnectGroupOptions, Group, GroupTarget } from './group-target.ts'
import type { Pair, PairEvents, Target } from './target.ts'

/** The baseline: plain QoS 1 relay through Mosquitto (no auth, no storage, no fan-out logic). */
export function mosquittoTarget(url: string): Target {
  const clients: MqttClient[] = []
  const connect = async (clientId: string) => {
    const client = await mqtt.connectAsync(url, { clientId, reconnectPeriod: 0, protocolVersion: 4 })
    clients.push(client)
    return client
  }
  return {
    name: 'Mosquitto (relay baseline)',
    async connectPair(index: number, events: PairEvents): Promise<Pair> {
      const topic = `bench/${index}`
      const receiver = await connect(`r${index}`)
      receiver.on('message', (_t, payload) => events.delivered(payload))
      await receiver.subscribeAsync(topic, { qos: 1 })
      const sender = await connect(`s${index}`)
      return {
        send: (body) =>
          sender.publish(topic, Buffer.from(body), { qos: 1 }, (err) => !err && events.persisted()),
        close: async () => {
          await Promise.all([sender.endAsync(), receiver.endAsync()])
        },
      }
    },
    async close() {
      await Promise.all(clients.map((c) => c.endAsync(true)))
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
