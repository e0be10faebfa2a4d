import { existsSync, readFileSync } from 'node:fs'

/** The process id a server wrote to its pid file (e.g. `<dir>/redis.pid`), if the file is there. */
export function pidFromFile(file: string): number | undefined {
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined
}

/** Resident set size of a process in bytes (VmRSS of /proc/<pid>/status). */
export function rssBytes(pid: number): number {
  return statusField(pid, 'VmRSS')
}

/** Peak resident set size since the process started (VmHWM). */
export function peakRssBytes(pid: number): number {
  return statusField(pid, 'VmHWM')
}

/** Open-file limit (soft) of a process, from /proc/<pid>/limits. */
export function openFileLimit(pid: number | 'self'): number {
  const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'))
  return Number(line?.split(/\s+/)[3])
}

function statusField(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`))
  if (!line) throw new Error(`no ${field} for process ${pid}`)
  return Number(line.split(/\s+/)[1]) * 1024
}

const TICKS_PER_S = 100 // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far, all its threads. */
export function cpuSeconds(pid: number): number {
  return statCpuSeconds(`/proc/${pid}/stat`)
}

/**
 * CPU seconds of a process's main thread alone (its thread id is the process id): for Node,
 * the event loop's thread, whose share decides queueing there; GC helpers and workers excluded.
 */
export function mainThreadCpuSeconds(pid: number): number {
  return statCpuSeconds(`/proc/${pid}/task/${pid}/stat`)
}

function statCpuSeconds(file: string): number {
  const stat = readFileSync(file, 'utf8')
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S
}

/**
 * Waits until a process's RSS stops moving (three readings 500 ms apart within 0.5% of each
 * other, 15 s at most) and returns it. `nudge` runs before each reading (e.g. a forced GC).
 */
export async function settledRss(pid: number, nudge: () => void = () => {}): Promise<number> {
  const readings: number[] = []
  for (let waited = 0; waited < 15_000; waited += 500) {
    nudge()
    await new Promise((r) => setTimeout(r, 500))
    readings.push(rssBytes(pid))
    const last = readings.slice(-3)
    if (last.length === 3 && Math.max(...last) - Math.min(...last) <= 0.005 * Math.max(...last)) break
  }
  return readings.at(-1)!
}

/** Samples CPU and RSS of processes every `everyMs` until stopped: peaks and average CPU. */
export function sampleProcesses(pids: () => number[], everyMs = 100) {
  let peakRss = 0
  let peakCpu = 0 // cores busy over one sample
  const cpuStart = new Map<number, number>()
  let last = { at: performance.now(), cpu: 0 }
  const totalCpu = () =>
    pids().reduce((sum, pid) => {
      try {
        const cpu = cpuSeconds(pid)
        if (!cpuStart.has(pid)) cpuStart.set(pid, cpu)
        return sum + cpu - cpuStart.get(pid)!
      } catch {
        return sum // the process is restarting
      }
    }, 0)
  last.cpu = totalCpu()
  const started = last.at
  let cpuBefore = 0 // CPU of processes that went away (a restarted broker)
  const sample = () => {
    let rss = 0
    for (const pid of pids()) {
      try {
        rss += rssBytes(pid)
      } catch {
        /* restarting */
      }
    }
    peakRss = Math.max(peakRss, rss)
    const now = performance.now()
    const cpu = totalCpu() + cpuBefore
    peakCpu = Math.max(peakCpu, (cpu - last.cpu) / ((now - last.at) / 1000))
    last = { at: now, cpu }
  }
  const timer = setInterval(sample, everyMs)
  return {
    /** A process is about to be replaced: keep the CPU it used. */
    retire(pid: number) {
      try {
        cpuBefore += cpuSeconds(pid) - (cpuStart.get(pid) ?? 0)
      } catch {
        /* already gone */
      }
      cpuStart.delete(pid)
    },
    stop() {
      clearInterval(timer)
      sample() // a storm shorter than one interval still gets a reading
      const seconds = (performance.now() - started) / 1000
      return { peakRssBytes: peakRss, peakCpuCores: peakCpu, cpuSeconds: last.cpu, seconds }
    },
  }
}
