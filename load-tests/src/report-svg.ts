/** One line of a CDF chart: points [latency ms, fraction 0..1] in ascending order. */
export interface CdfSeries {
  name: string
  cdf: [ms: number, fraction: number][]
}

const WIDTH = 760
/** Height down to the x axis title; the legend adds a line per series below it. */
const PLOT_HEIGHT = 440
const LEFT = 60
const RIGHT = 20
const TOP = 40
const BOTTOM = 50
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf']
/** Below this a latency is drawn at the axis (a log scale has no 0). */
const FLOOR_MS = 0.01

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const fmt = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`)

/**
 * A latency CDF as a standalone SVG (no dependency): x is latency on a log scale, y the
 * percentile; one step line per series, the p50 and p99 of each in the legend.
 */
export function cdfSvg(title: string, series: CdfSeries[]): string {
  const all = series.flatMap((s) => s.cdf.map(([ms]) => Math.max(ms, FLOOR_MS)))
  const lo = Math.floor(Math.log10(all.length ? Math.min(...all) : 0.1))
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(all.length ? Math.max(...all) : 1000)))
  const plotW = WIDTH - LEFT - RIGHT
  const plotH = PLOT_HEIGHT - TOP - BOTTOM
  const HEIGHT = PLOT_HEIGHT + 10 + series.length * 18
  const x = (ms: number) => LEFT + ((Math.log10(Math.max(ms, FLOOR_MS)) - lo) / (hi - lo)) * plotW
  const y = (fraction: number) => TOP + (1 - fraction) * plotH

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15">${escape(title)}</text>`,
  ]
  // Grid: every decade labelled, 2× and 5× as faint lines; every 10th percentile, p99 dashed.
  for (let d = lo; d <= hi; d++) {
    for (const m of d < hi ? [1, 2, 5] : [1]) {
      const ms = m * 10 ** d
      const gx = x(ms).toFixed(1)
      out.push(
        `<line x1="${gx}" y1="${TOP}" x2="${gx}" y2="${TOP + plotH}" stroke="${m === 1 ? '#ccc' : '#eee'}"/>`,
      )
      if (m === 1 || hi - lo <= 3)
        out.push(
          `<text x="${gx}" y="${TOP + plotH + 16}" text-anchor="middle">${fmt(Number(ms.toPrecision(1)))}</text>`,
        )
    }
  }
  for (let p = 0; p <= 100; p += 10) {
    const gy = y(p / 100).toFixed(1)
    out.push(`<line x1="${LEFT}" y1="${gy}" x2="${LEFT + plotW}" y2="${gy}" stroke="#eee"/>`)
    out.push(`<text x="${LEFT - 6}" y="${gy}" text-anchor="end" dominant-baseline="middle">${p}</text>`)
  }
  const p99 = y(0.99).toFixed(1)
  out.push(
    `<line x1="${LEFT}" y1="${p99}" x2="${LEFT + plotW}" y2="${p99}" stroke="#999" stroke-dasharray="4 3"/>`,
    `<text x="${LEFT + plotW - 4}" y="${Number(p99) + 14}" text-anchor="end" fill="#666">p99</text>`,
    `<rect x="${LEFT}" y="${TOP}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`,
    `<text x="${LEFT + plotW / 2}" y="${PLOT_HEIGHT - 10}" text-anchor="middle">latency (log scale)</text>`,
    `<text transform="translate(16 ${TOP + plotH / 2}) rotate(-90)" text-anchor="middle">percentile</text>`,
  )
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length]!
    if (s.cdf.length > 0) {
      // A step line: the fraction holds until the next sample's latency.
      let d = `M${x(s.cdf[0]![0]).toFixed(1)},${y(0).toFixed(1)}`
      let prev = 0
      for (const [ms, f] of s.cdf) {
        d += ` V${y(prev).toFixed(1)} H${x(ms).toFixed(1)} V${y(f).toFixed(1)}`
        prev = f
      }
      out.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`)
    }
    const at = (p: number) => s.cdf.find(([, f]) => f >= p)?.[0]
    const p50 = at(0.5)
    const p99s = at(0.99)
    const label =
      p50 === undefined
        ? `${s.name} (no samples)`
        : `${s.name}: p50 ${p50.toFixed(1)} ms, p99 ${p99s!.toFixed(1)} ms`
    // Under the chart, where no curve can hide it.
    const ly = PLOT_HEIGHT + 16 + i * 18
    out.push(
      `<line x1="${LEFT}" y1="${ly - 4}" x2="${LEFT + 24}" y2="${ly - 4}" stroke="${colour}" stroke-width="3"/>`,
      `<text x="${LEFT + 30}" y="${ly}">${escape(label)}</text>`,
    )
  })
  out.push('</svg>')
  return out.join('\n') + '\n'
}
