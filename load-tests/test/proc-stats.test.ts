import { Worker } from 'node:worker_threads'
import { expect, it } from 'vitest'
import { cpuSeconds, mainThreadCpuSeconds } from '../src/proc-stats.ts'

// A fixed amount of work (~0.3 s of CPU here), however long a busy machine makes it take.
const BURN = 'let x = 0; for (let i = 0; i < 4e7; i++) x = (x * 31 + i) | 0'

it('counts the main thread apart from the process: a busy worker adds to the process only', async () => {
  const [process0, main0] = [cpuSeconds(process.pid), mainThreadCpuSeconds(process.pid)]
  const worker = new Worker(BURN, { eval: true })
  await new Promise((resolve) => worker.once('exit', resolve))
  new Function(BURN)()
  const processCpu = cpuSeconds(process.pid) - process0
  const mainCpu = mainThreadCpuSeconds(process.pid) - main0
  expect(mainCpu).toBeGreaterThanOrEqual(0.1) // its own burn, in 10 ms ticks
  expect(processCpu - mainCpu).toBeGreaterThanOrEqual(0.1) // the worker's
})
