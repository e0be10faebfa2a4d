import { cpus, loadavg, totalmem } from 'node:os'
import { writeReport } from './report.ts'

/** The machine line every report starts with, the load average included (the machine is shared). */
export function machineLine(): string {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${load} at the start`
}

/** A number from a BENCH_* variable. */
export const envNumber = (name: string, fallback: number) => Number(process.env[name] ?? fallback)

/** Writes load-tests/reports/<name>-<time>.{md,json} and says where. */
export function saveReport(name: string, markdown: string, data: unknown, say: (line: string) => void): void {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  say('\n' + markdown)
  say(`\nreport: ${writeReport(`${name}-${stamp}`, markdown, data).join(', ')}`)
}

export const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1)
export const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–')
export const ms1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–')
