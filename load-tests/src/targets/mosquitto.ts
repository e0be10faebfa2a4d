import mqtt, { type MqttClient } from 'mqtt'
import { forEachLimited, noDelay } from './clients.ts'
import type { ConnectGroupOptions, Group, GroupTarget } from './group-target.ts'

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
