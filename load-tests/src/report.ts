import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PairsResult } from './pairs.ts'
import { cdfSvg, type CdfSeries } from './report-svg.ts'

const REPORTS = fileURLToPath(new URL('../reports/', import.meta.url))
export const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–')
export const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'max')
/** A figure a target may not have (no server processes, no probe). */
const orDash = (n: number | undefined, format: (n: number) => string) => (n === undefined ? '–' : format(n))

/** A latency CDF to draw next to the report: one line per target. */
export interface Chart {
  title: string
  series: CdfSeries[]
}

/** What one scenario contributes to a report: its table and notes, raw data and CDF charts. */
export interface ReportSection {
  title: string
  markdown: string
  data: unknown
  charts: Chart[]
}

export function machineDescription(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
}

export function resultTable(results: { phase: string; result: PairsResult; probeMs?: number }[]): string {
  const rows = results.map(
    ({ phase, result: r, probeMs }) =>
      `| ${phase} | ${r.target} | ${r.pairs} | ${f0(r.offeredPerS)} | ${f0(r.persistedPerS)} | ${f0(r.deliveredPerS)} | ${f1(r.latencyMs.p50)} | ${f1(r.latencyMs.p95)} | ${f1(r.latencyMs.p99)} | ${f1(r.latencyMs.p999)} | ${r.lost} | ${r.duplicates} | ${r.outOfOrder} | ${orDash(r.serverCpuUsPerMessage, f0)} | ${orDash(r.serverMainThreadCpuUsPerMessage, f0)} | ${f0(r.loadGeneratorCpuUsPerMessage)} | ${orDash(probeMs, f1)} |`,
  )
  return [
    '| phase | target | pairs | offered/s | persisted/s | delivered/s | p50 ms | p95 ms | p99 ms | p99.9 ms | lost | dup | out of order | server CPU µs/msg | server main-thread CPU µs/msg | load gen CPU µs/msg | probe ms |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n')
}

/** The report's Markdown: title, machine, then each section with links to its charts (`<name>-<n>.svg`). */
export function reportMarkdown(name: string, title: string, sections: ReportSection[]): string {
  let chart = 0
  const parts = [`# ${title}, ${new Date().toISOString()}`, '', `Machine: ${machineDescription()}.`]
  for (const s of sections) {
    parts.push('', `## ${s.title}`, '', s.markdown)
    for (const c of s.charts) parts.push('', `![${c.title}](${name}-${++chart}.svg)`)
  }
  return parts.join('\n')
}

/**
 * Writes <name>.md, <name>.json and one <name>-<n>.svg latency CDF per chart into
 * load-tests/reports/ and returns their paths.
 */
export function writeReport(name: string, title: string, sections: ReportSection[]): string[] {
  mkdirSync(REPORTS, { recursive: true })
  const md = join(REPORTS, `${name}.md`)
  const json = join(REPORTS, `${name}.json`)
  writeFileSync(md, reportMarkdown(name, title, sections) + '\n')
  writeFileSync(
    json,
    JSON.stringify(
      {
        title,
        machine: machineDescription(),
        sections: sections.map((s) => ({ title: s.title, data: s.data })),
      },
      null,
      2,
    ),
  )
  const svgs = sections
    .flatMap((s) => s.charts)
    .map((c, i) => {
      const path = join(REPORTS, `${name}-${i + 1}.svg`)
      writeFileSync(path, cdfSvg(c.title, c.series))
      return path
    })
  return [md, json, ...svgs]
}

/** `<prefix>-<ISO time>` with characters safe in file names. */
export function reportName(prefix: string): string {
  return `${prefix}-${new Date().toISOString().replace(/[:.]/g, '-')}`
}
