import mqtt, { type MqttClient } from 'mqtt'
import protobuf from 'protobufjs'
import { join } from 'node:path'

/**
 * An MQTT client written from docs/protocol.md and tidings.proto alone: plain mqtt.js plus
 * protobufjs reflection over the .proto file, no SDK and no generated code.
 */
export async function loadSchema() {
  const root = await protobuf.load(join(import.meta.dirname, '..', '..', 'proto', 'tidings.proto'))
  return {
    ClientEnvelope: root.lookupType('tidings.v1.ClientEnvelope'),
    ServerEnvelope: root.lookupType('tidings.v1.ServerEnvelope'),
  }
}

export interface RawClient {
  mqtt: MqttClient
  /** Every ServerEnvelope received, as plain objects (64-bit ints as numbers). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- reflection objects, shaped by tidings.proto
  events: Array<Record<string, any>>
  close(): Promise<void>
}

export async function rawConnect(
  url: string,
  clientId: string,
  password: string | undefined,
): Promise<RawClient> {
  const schema = await loadSchema()
  const client = mqtt.connect(url, {
    clientId,
    username: clientId.split('/')[0],
    ...(password ? { password } : {}),
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: 0,
  })
  const events: RawClient['events'] = []
  client.on('message', (_t, payload) => {
    events.push(
      schema.ServerEnvelope.toObject(schema.ServerEnvelope.decode(payload), { longs: Number, bytes: Buffer }),
    )
  })
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve())
    client.once('error', reject)
  })
  return { mqtt: client, events, close: () => client.endAsync() }
}
