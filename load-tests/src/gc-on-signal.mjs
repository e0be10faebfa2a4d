/* global process */
// Preloaded into broker processes by the idle soak (`node --expose-gc --import <this file>`):
// SIGUSR2 forces a full garbage collection, so RSS is read on a settled heap, and writes the JS
// heap figures after it to `gcReportPath(pid)` for the soak to read. Plain JavaScript because it
// loads before tsx; the product code knows nothing of it.
import { ftruncateSync, openSync, unlinkSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const path = join(tmpdir(), `tidings-gc-${process.pid}.json`)
const report = openSync(path, 'w') // opened now: near the open-file cap a later open would fail
process.on('exit', () => {
  try {
    unlinkSync(path)
  } catch {
    // already gone
  }
})
process.on('SIGUSR2', () => {
  globalThis.gc?.()
  const { heapUsed, heapTotal } = process.memoryUsage()
  ftruncateSync(report, 0)
  writeSync(report, JSON.stringify({ heapUsed, heapTotal }), 0)
})
