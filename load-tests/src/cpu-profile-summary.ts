// What a V8 CPU profile (node --cpu-prof; BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=<dir>" for the
// benchmarks' server processes) spent its time on: self time by function and by package over a
// window of the run, and the busy and GC share of each second (to find a benchmark's phases).
//   npm run profile:summary -- <file.cpuprofile> [from to]   (fractions of the run, default 0 1)
import { readFileSync } from 'node:fs'

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

export interface ProfileSummary {
  sampledMs: number
  /** Share of the sampled time, largest first. */
  byFunction: [string, number][]
  byPackage: [string, number][]
  /** Per second of the run: share busy (not idle) and share in GC. */
  perSecond: { second: number; busy: number; gc: number }[]
}

/** A script's directory and file name: enough to tell it apart, short enough to read. */
const lastTwo = (url: string) => url.split('/').slice(-2).join('/')

/** The package a script belongs to (`node_modules/<name>`), else lastTwo of its path. */
const packageOf = (url: string): string => {
  const inModules = url.split('node_modules/').at(-1)!
  if (inModules !== url)
    return inModules
      .split('/')
      .slice(0, inModules.startsWith('@') ? 2 : 1)
      .join('/')
  return lastTwo(url) || '(native)'
}

export function summarizeProfile(profile: CpuProfile, from = 0, to = 1): ProfileSummary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]))
  const span = profile.endTime - profile.startTime
  const [windowStart, windowEnd] = [profile.startTime + span * from, profile.startTime + span * to]
  const byFunction = new Map<string, number>()
  const byPackage = new Map<string, number>()
  const seconds = new Map<number, { all: number; idle: number; gc: number }>()
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us)
  let t = profile.startTime
  let sampled = 0
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i]!
    const us = profile.timeDeltas[i + 1] ?? 0 // a sample lasts until the next one
    const frame = nodes.get(id)!
    const second = Math.floor((t - profile.startTime) / 1e6)
    const s = seconds.get(second) ?? { all: 0, idle: 0, gc: 0 }
    s.all += us
    if (frame.functionName === '(idle)') s.idle += us
    if (frame.functionName === '(garbage collector)') s.gc += us
    seconds.set(second, s)
    if (t < windowStart || t > windowEnd) return
    sampled += us
    const where = frame.url ? ` ${lastTwo(frame.url)}:${frame.lineNumber}` : ''
    add(byFunction, `${frame.functionName || '(anonymous)'}${where}`, us)
    add(byPackage, frame.url ? packageOf(frame.url) : frame.functionName, us)
  })
  const shares = (map: Map<string, number>): [string, number][] =>
    [...map]
      .filter(([, us]) => us > 0)
      .map(([k, us]): [string, number] => [k, us / sampled])
      .sort((a, b) => b[1] - a[1])
  return {
    sampledMs: sampled / 1000,
    byFunction: shares(byFunction),
    byPackage: shares(byPackage),
    perSecond: [...seconds].map(([second, s]) => ({
      second,
      busy: s.all ? 1 - s.idle / s.all : 0,
      gc: s.all ? s.gc / s.all : 0,
    })),
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, from = '0', to = '1'] = process.argv.slice(2)
  if (!file) throw new Error('usage: cpu-profile-summary <file.cpuprofile> [from to]')
  const summary = summarizeProfile(
    JSON.parse(readFileSync(file, 'utf8')) as CpuProfile,
    Number(from),
    Number(to),
  )
  const pct = (share: number) => `${(100 * share).toFixed(1).padStart(5)} %`
  console.log('second  busy    gc')
  for (const s of summary.perSecond)
    console.log(`${String(s.second).padStart(6)} ${pct(s.busy)} ${pct(s.gc)}`)
  console.log(`\nwindow ${from}–${to} of the run: ${summary.sampledMs.toFixed(0)} ms sampled; by function:`)
  for (const [name, share] of summary.byFunction.slice(0, 40)) console.log(`${pct(share)}  ${name}`)
  console.log('\nby package or file:')
  for (const [name, share] of summary.byPackage.slice(0, 20)) console.log(`${pct(share)}  ${name}`)
}
