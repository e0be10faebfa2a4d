import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PairsResult } from './pairs.ts'

const REPORTS = fileURLToPath(new URL('../reports/', import.meta.url))
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–')
const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'max')

export function resultTable(results: { phase: string; result: PairsResult }[]): string {
  const rows = results.map(
    ({ phase, result: r }) =>
      `| ${phase} | ${r.target} | ${r.pairs} | ${f0(r.offeredPerS)} | ${f0(r.persistedPerS)} | ${f0(r.deliveredPerS)} | ${f1(r.latencyMs.p50)} | ${f1(r.latencyMs.p95)} | ${f1(r.latencyMs.p99)} | ${f1(r.latencyMs.p999)} | ${r.lost} | ${r.duplicates} | ${r.outOfOrder} |`,
  )
  return [
    '| phase | target | pairs | offered/s | persisted/s | delivered/s | p50 ms | p95 ms | p99 ms | p99.9 ms | lost | dup | out of order |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n')
}

/** Writes <name>.json and <name>.md into load-tests/reports/ and returns their paths. */
export function writeReport(name: string, markdown: string, data: unknown): string[] {
  mkdirSync(REPORTS, { recursive: true })
  const json = join(REPORTS, `${name}.json`)
  const md = join(REPORTS, `${name}.md`)
  writeFileSync(json, JSON.stringify(data, null, 2))
  writeFileSync(md, markdown + '\n')
  return [md, json]
}
