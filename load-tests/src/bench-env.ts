import { loadavg } from 'node:os'
import { machineDescription, writeReport } from './report.ts'

/** The machine line every report starts with, the load average included (the machine is shared). */
export function machineLine(): string {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')
  return `${machineDescription()}, load average ${load} at the start`
}

/** A number from a BENCH_* variable. */
export const envNumber = (name: string, fallback: number) => Number(process.env[name] ?? fallback)

/** Writes load-tests/reports/<name>-<time>.{md,json} (one section, no chart) and says where. */
export function saveReport(name: string, markdown: string, data: unknown, say: (line: string) => void): void {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  say('\n' + markdown)
  const section = { title: name, markdown, data, charts: [] }
  say(`\nreport: ${writeReport(`${name}-${stamp}`, `Tidings benchmark: ${name}`, [section]).join(', ')}`)
}

export const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1)
export const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–')
export const ms1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–')
