// `npm run bench`: every scenario with its Mosquitto baseline, one combined report
// (load-tests/reports/bench-<time>.md, .json and one SVG latency CDF per chart):
// pairs on the embedded platform, the 500-member group, offline sync; BENCH_CLUSTER=1 adds
// the pairs and group scenarios on a local cluster. Each scenario's BENCH_* settings apply
// (see bench-embedded.ts, bench-cluster.ts, bench-group.ts, bench-offline-sync.ts).
import { comparisonOptionsFromEnv } from './comparison.ts'
import type { ReportSection } from './report.ts'
import {
  clusterPairs,
  embeddedPairs,
  groupFanOut,
  groupOptionsFromEnv,
  offlineSync,
  offlineSyncOptionsFromEnv,
  publishReport,
} from './scenarios.ts'

const say = (line: string) => process.stdout.write(line + '\n')
const cluster = process.env.BENCH_CLUSTER === '1'
const sections: ReportSection[] = []
say('# 1. pairs, embedded')
sections.push(await embeddedPairs(comparisonOptionsFromEnv(say)))
if (cluster) {
  say('\n# 1b. pairs, cluster')
  sections.push(await clusterPairs(comparisonOptionsFromEnv(say)))
}
say('\n# 2. group fan-out')
sections.push(await groupFanOut(groupOptionsFromEnv(say), cluster))
say('\n# 3. offline sync')
sections.push(await offlineSync(offlineSyncOptionsFromEnv(say)))
publishReport('bench', 'Tidings benchmarks', sections, say)
process.exit(0)
