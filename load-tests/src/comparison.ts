import { probeMachineMs } from './machine-probe.ts'
import { runPairs, type PairsOptions, type PairsResult } from './pairs.ts'
import { resultTable, type ReportSection } from './report.ts'
import type { Target } from './targets/target.ts'

export interface ComparisonOptions {
  pairs: number
  /** Fixed offered loads, messages/s over all pairs, each its own phase. */
  rates: number[]
  /** Per phase: seconds before measuring starts, and seconds measured. */
  warmupS: number
  measureS: number
  /** A flat-out phase of this many seconds (0: none). */
  saturationS: number
  /** An unreported run at 1,000/s first, to warm the JITs (0: none). */
  warmupRunS: number
  bodyBytes: number
  say: (line: string) => void
}

export interface PhaseResult {
  phase: string
  result: PairsResult
  /** probeMachineMs() just before the phase: higher in the machine's slow periods. */
  probeMs?: number
}

/** Settings from BENCH_* variables (see the bench scripts' headers). */
export function comparisonOptionsFromEnv(say: (line: string) => void): ComparisonOptions {
  const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
  return {
    pairs: env('BENCH_PAIRS', 50),
    rates: (process.env.BENCH_RATES ?? process.env.BENCH_RATE ?? '5000').split(',').map(Number),
    warmupS: env('BENCH_WARMUP_S', 3),
    measureS: env('BENCH_MEASURE_S', 15),
    saturationS: env('BENCH_SATURATION_S', 10),
    warmupRunS: env('BENCH_WARMUP_RUN_S', 15),
    bodyBytes: 100,
    say,
  }
}

/**
 * Runs the pairs scenario on each target, one after the other (never concurrently: they share
 * the cores): an unreported warm-up, each fixed rate, then flat out.
 */
export async function runComparison(targets: (() => Target)[], o: ComparisonOptions): Promise<PhaseResult[]> {
  const pairs: PairsOptions = {
    pairs: o.pairs,
    rate: 0,
    warmupS: o.warmupS,
    measureS: o.measureS,
    bodyBytes: o.bodyBytes,
    window: 1000,
    progress: o.say,
  }
  const results: PhaseResult[] = []
  const phase = async (make: () => Target, options: PairsOptions) => {
    const target = make()
    try {
      return await runPairs(target, options)
    } finally {
      await target.close()
    }
  }
  for (const make of targets) {
    if (o.warmupRunS > 0) {
      o.say(`\nwarming up for ${o.warmupRunS} s at 1000/s (not reported)`)
      await phase(make, { ...pairs, rate: 1000, warmupS: 0, measureS: o.warmupRunS, progress: undefined })
    }
    for (const rate of o.rates) {
      o.say(`\n${o.pairs} pairs at ${rate}/s`)
      const probeMs = probeMachineMs()
      results.push({ phase: `fixed ${rate}/s`, probeMs, result: await phase(make, { ...pairs, rate }) })
    }
    if (o.saturationS > 0) {
      o.say(`\nflat out for ${o.saturationS} s`)
      const probeMs = probeMachineMs()
      results.push({
        phase: 'flat out',
        probeMs,
        result: await phase(make, { ...pairs, rate: Infinity, measureS: o.saturationS }),
      })
    }
  }
  return results
}

/**
 * The report section: setup, the table, the flat-out ratio to the first target (the baseline),
 * and one latency CDF per phase with every target on it.
 */
export function comparisonSection(
  title: string,
  setup: string,
  o: ComparisonOptions,
  results: PhaseResult[],
): ReportSection {
  // The last target is the one measured; the ones before it are baselines. A relay's PUBACK
  // precedes its routing, so flat out it can ack faster than it delivers: what it carried is
  // what it delivered.
  const flatOut = results.filter((r) => r.phase === 'flat out').map((r) => r.result)
  const measured = flatOut.at(-1)
  const ratios = flatOut
    .slice(0, -1)
    .map(
      (baseline) =>
        `Flat-out ratio ${measured!.target} / ${baseline.target} (persisted/s over the baseline's delivered/s): ${(measured!.persistedPerS / baseline.deliveredPerS).toFixed(2)}`,
    )
  const phases = [...new Set(results.map((r) => r.phase))]
  return {
    title,
    markdown: [
      `${setup} ${o.pairs} pairs (one sender, one receiver each), body ${o.bodyBytes} bytes, QoS 1;`,
      'latency is send → delivery on the receiving device. *probe ms*: the CPU time of a fixed',
      'memory-bound loop run just before the phase (`machine-probe.ts`); higher when the machine is slow.',
      "*server main-thread CPU*: the part of it spent on the processes' main threads: Node's event",
      "loops (each carries every message of its process), Redis and Mosquitto; not Cassandra's workers.",
      '',
      resultTable(results),
      ...ratios.flatMap((ratio) => ['', ratio]),
    ].join('\n'),
    data: { options: { ...o, say: undefined }, results },
    charts: phases.map((phase) => ({
      title: `${title}: pairs, ${phase}, send → delivery`,
      series: results
        .filter((r) => r.phase === phase)
        .map(({ result }) => ({ name: result.target, cdf: result.cdf })),
    })),
  }
}

/** Runs the pairs scenario on the targets (BENCH_ONLY picks one) and returns its report section. */
export async function pairsSection(
  title: string,
  setup: string,
  targets: Record<string, () => Target>,
  o: ComparisonOptions,
): Promise<ReportSection> {
  const only = process.env.BENCH_ONLY
  const chosen = only
    ? Object.entries(targets)
        .filter(([k]) => k === only)
        .map(([, t]) => t)
    : Object.values(targets)
  return comparisonSection(title, setup, o, await runComparison(chosen, o))
}
