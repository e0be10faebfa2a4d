import { createRequire } from 'node:module'
import { expect, it } from 'vitest'
import '../src/app.ts'

// src/quiet-debug.ts, loaded first by the broker: mqtt-packet's disabled debug loggers are one
// shared no-op (the debug package's own allocate an argument array per call).
it('hands mqtt-packet one no-op logger for every disabled debug namespace', () => {
  const fromMqttPacket = createRequire(createRequire(import.meta.url).resolve('mqtt-packet'))
  const debug = fromMqttPacket('debug') as ((namespace: string) => { enabled: boolean }) & {
    enable(namespaces: string): void
    disable(): string
  }
  const parserLog = debug('mqtt-packet:parser')
  expect(parserLog.enabled).toBe(false)
  expect(debug('mqtt-packet:writeToStream')).toBe(parserLog)
  // What DEBUG enables still logs.
  const before = debug.disable()
  debug.enable('tidings-test')
  expect(debug('tidings-test')).not.toBe(parserLog)
  expect(debug('tidings-test').enabled).toBe(true)
  debug.enable(before)
})
