import { LeanMqttClient } from '../lean-mqtt/lean-client.ts'
import type { Pair, PairEvents, Target } from './target.ts'

export interface RelayOptions {
  /**
   * The sender subscribes to its own topic too, so every message also comes back to it, as a
   * Tidings message comes back to its sender as the ack: Tidings' wire pattern with nothing else.
   */
  echo?: boolean
}

/** A plain QoS 1 relay through an MQTT broker (no auth, no storage): the baselines. */
export function relayTarget(
  url: string,
  name: string,
  { echo = false }: RelayOptions = {},
): Target & { readonly echoes: number } {
  const clients: LeanMqttClient[] = []
  let echoes = 0 // copies that came back to their senders
  const connect = async (clientId: string) => {
    const client = await LeanMqttClient.connect({ url, clientId })
    clients.push(client)
    return client
  }
  return {
    name,
    async connectPair(index: number, events: PairEvents): Promise<Pair> {
      const topic = `bench/${index}`
      const topicBytes = Buffer.from(topic)
      const receiver = await connect(`r${index}`)
      receiver.onMessage((_t, payload) => events.delivered(payload))
      await receiver.subscribe(topic)
      const sender = await connect(`s${index}`)
      if (echo) {
        sender.onMessage(() => echoes++) // PUBACKed by the client, counted, otherwise ignored
        await sender.subscribe(topic)
      }
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
    get echoes() {
      return echoes
    },
  }
}

/** The ceiling to approach: Mosquitto relaying raw MQTT. */
export const mosquittoTarget = (url: string) => relayTarget(url, 'Mosquitto (relay baseline)')

/** What Tidings' framework costs alone: stock Aedes (src/aedes-relay.ts) carrying its wire pattern. */
export const aedesRelayTarget = (url: string) =>
  relayTarget(url, 'Aedes relay + echo (framework baseline)', { echo: true })
