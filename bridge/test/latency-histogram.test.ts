import { Histogram, Registry, type MetricValueWithName } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { LATENCY_BUCKETS, LatencyHistogram } from '../src/latency-histogram.ts'

/** The values to observe: every bound, just below and above it, zero, past the last, and a spread. */
function samples(): number[] {
  const values = [0, 11, 1e6]
  for (const bound of LATENCY_BUCKETS) values.push(bound, bound - 1e-9, bound + 1e-9)
  let state = 42
  for (let i = 0; i < 2000; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31
    values.push((state / 2 ** 31) ** 4 * 12) // mostly small, as latencies are
  }
  return values
}

/** A registry's samples in JSON form, but for prom-client's exemplar fields (unused here). */
const values = async (registry: Registry) =>
  (await registry.getMetricsAsJSON()).flatMap((metric) =>
    (metric.values as MetricValueWithName<string>[]).map(({ metricName, labels, value }) => ({
      metricName,
      labels,
      value,
    })),
  )

/** A fresh histogram's samples: every bucket, the sum and the count at zero. */
async function zeros() {
  const registry = new Registry()
  new LatencyHistogram({ name: 'tidings_test_seconds', help: 'a test', registers: [registry] })
  return values(registry)
}

describe('LatencyHistogram', () => {
  it("is exposed exactly as prom-client's Histogram with the same buckets and observations", async () => {
    const ours = new Registry()
    const theirs = new Registry()
    const fast = new LatencyHistogram({ name: 'tidings_test_seconds', help: 'a test', registers: [ours] })
    const reference = new Histogram({
      name: 'tidings_test_seconds',
      help: 'a test',
      buckets: [...LATENCY_BUCKETS],
      registers: [theirs],
    })
    expect(await ours.metrics()).toBe(await theirs.metrics()) // before any observation too
    for (const value of samples()) {
      fast.observe(value)
      reference.observe(value)
    }
    expect(await ours.metrics()).toBe(await theirs.metrics())
    expect(await values(ours)).toEqual(await values(theirs))

    // After a reset prom-client exposes nothing until the next observation; this exposes zeros.
    ours.resetMetrics()
    expect(await values(ours)).toEqual(await zeros())
  })
})
