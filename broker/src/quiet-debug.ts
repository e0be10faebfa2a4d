import { requireFromMqttPacket as fromMqttPacket } from './aedes-mqtt-packet.ts'

/*
 * mqtt-packet calls its `debug(...)` loggers several times for every packet it parses or writes,
 * and the debug package's logger is `function debug(...args)`: an argument array is allocated on
 * every call, even with logging off (11% of the embedded broker's allocations at 5,000 msg/s).
 * Importing this module before Aedes loads mqtt-packet hands mqtt-packet a debug factory whose
 * disabled loggers are one shared no-op. Loggers that DEBUG enables at start are the real ones;
 * `debug.enable()` later in the process does not reach mqtt-packet.
 */
interface DebugFactory {
  (namespace: string): unknown
  enabled(namespace: string): boolean
}

const debugPath = fromMqttPacket.resolve('debug')
const real = fromMqttPacket('debug') as DebugFactory
const off = Object.assign(() => {}, {
  enabled: false,
  namespace: '',
  log: () => {},
  destroy: () => false,
  extend: () => off,
})
const quiet = Object.assign((namespace: string) => (real.enabled(namespace) ? real(namespace) : off), real)
const cached = fromMqttPacket.cache[debugPath]
if (cached) cached.exports = quiet
