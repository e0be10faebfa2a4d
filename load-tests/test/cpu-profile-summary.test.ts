import { expect, it } from 'vitest'
import { summarizeProfile, type CpuProfile } from '../src/cpu-profile-summary.ts'

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 })

// Four seconds sampled every 250 ms (the first sample at the start): two idle, then a handler,
// mqtt-packet and GC; the last sample ends the run.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(idle)') },
    { id: 2, callFrame: frame('handleSend', 'file:///app/bridge/src/pipeline/handle-send.ts') },
    { id: 3, callFrame: frame('parse', 'file:///app/node_modules/mqtt-packet/parser.js') },
    { id: 4, callFrame: frame('(garbage collector)') },
  ],
  startTime: 0,
  endTime: 4_000_000,
  samples: [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4, 2, 2, 3, 4, 1],
  timeDeltas: [0, ...Array<number>(16).fill(250_000)],
}

it('summarizes self time over a window and the busy and GC share of each second', () => {
  const summary = summarizeProfile(profile, 0.5, 1)
  expect(summary.byFunction[0]).toEqual(['handleSend pipeline/handle-send.ts:0', 0.5])
  expect(Object.fromEntries(summary.byPackage)).toEqual({
    'pipeline/handle-send.ts': 0.5,
    'mqtt-packet': 0.25,
    '(garbage collector)': 0.25,
  })
  expect(summary.perSecond.map((s) => [s.busy, s.gc])).toEqual([
    [0, 0],
    [0, 0],
    [1, 0.25],
    [1, 0.25],
    [0, 0], // the last sample, which lasts no time
  ])
})
