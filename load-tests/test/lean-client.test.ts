import { afterAll, beforeAll, expect, it } from 'vitest'
import { LeanMqttClient } from '../src/lean-mqtt/lean-client.ts'
import { startMosquitto } from '../src/servers.ts'

// The load generator's own MQTT client, against real Mosquitto: packets of every remaining-length
// size (1 to 3 bytes of it) split across TCP reads arrive whole, once, in order, and every
// QoS 1 publish is acknowledged.
let mosquitto: Awaited<ReturnType<typeof startMosquitto>>
beforeAll(async () => {
  mosquitto = await startMosquitto()
}, 60_000)
afterAll(async () => {
  await mosquitto?.stop()
})

it('publishes and receives QoS 1 messages of every size, whole and in order', async () => {
  const receiver = await LeanMqttClient.connect({ url: mosquitto.url, clientId: 'lean-r' })
  const got: Buffer[] = []
  receiver.onMessage((topic, payload) => topic === 'lean/t' && got.push(Buffer.from(payload)))
  await receiver.subscribe('lean/t')
  const sender = await LeanMqttClient.connect({ url: mosquitto.url, clientId: 'lean-s' })
  const sizes = Array.from(
    { length: 600 },
    (_, i) => [0, 1, 100, 127, 128, 5_000, 16_383, 16_384, 70_000][i % 9]!,
  )
  let acked = 0
  const topic = Buffer.from('lean/t')
  sizes.forEach((size, i) => sender.publish(topic, Buffer.alloc(size, i % 251), (ok) => ok && acked++))
  for (let waited = 0; (got.length < sizes.length || acked < sizes.length) && waited < 20_000; waited += 20)
    await new Promise((r) => setTimeout(r, 20))
  expect(acked).toBe(sizes.length)
  expect(got.map((b) => b.length)).toEqual(sizes)
  got.forEach((b, i) => expect(b.every((byte) => byte === i % 251)).toBe(true))
  await Promise.all([sender.end(), receiver.end()])
})
