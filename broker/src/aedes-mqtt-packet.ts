import { createRequire } from 'node:module'

/*
 * The copy of mqtt-packet that Aedes itself loads, whatever else node_modules holds: the modules
 * that patch mqtt-packet (quiet-debug.ts, packet-writer.ts) must reach that one.
 */
const mqttPacketMain = createRequire(createRequire(import.meta.url).resolve('aedes')).resolve('mqtt-packet')

/** `require` as mqtt-packet's own code sees it (its dependencies, its module cache entries). */
export const requireFromMqttPacket = createRequire(mqttPacketMain)

/** mqtt-packet's exports: the object Aedes calls `writeToStream` on. */
export const aedesMqttPacket = (): unknown => requireFromMqttPacket(mqttPacketMain)
