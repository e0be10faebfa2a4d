/** Latency samples in ms; percentiles by sorting (exact, fine for a few million samples). */
export class LatencyRecorder {
  private samples = new Float64Array(1 << 16)
  private n = 0

  record(ms: number): void {
    if (this.n === this.samples.length) {
      const bigger = new Float64Array(this.samples.length * 2)
      bigger.set(this.samples)
      this.samples = bigger
    }
    this.samples[this.n++] = ms
  }

  get count(): number {
    return this.n
  }

  summary(): LatencySummary {
    const sorted = this.samples.slice(0, this.n).sort()
    const at = (p: number) => (this.n === 0 ? NaN : sorted[Math.min(this.n - 1, Math.floor(p * this.n))]!)
    return { count: this.n, p50: at(0.5), p95: at(0.95), p99: at(0.99), p999: at(0.999), max: at(1) }
  }

  /** Points of the cumulative distribution, for a CDF chart. */
  cdf(points = 200): [ms: number, fraction: number][] {
    const sorted = this.samples.slice(0, this.n).sort()
    return Array.from({ length: points }, (_, i) => {
      const f = (i + 1) / points
      return [sorted[Math.min(this.n - 1, Math.floor(f * this.n))] ?? 0, f]
    })
  }
}

export interface LatencySummary {
  count: number
  p50: number
  p95: number
  p99: number
  p999: number
  max: number
}
