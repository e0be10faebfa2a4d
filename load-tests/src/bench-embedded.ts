// Embedded mode (`npm start`: one process, SQLite) against a Mosquitto relay in the same run:
//   npm run bench:embedded --workspace @tidings/load-tests
// Same scenario and BENCH_* settings as bench:cluster (see src/bench-cluster.ts); the default
// rates are 5,000/s (issue 5: p99 under 20 ms there) plus flat out (issue 5: 25,000 persisted/s).
import { comparisonOptionsFromEnv } from './comparison.ts'
import { embeddedPairs, publishReport } from './scenarios.ts'

const say = (line: string) => process.stdout.write(line + '\n')
publishReport('embedded', 'Embedded benchmark', [await embeddedPairs(comparisonOptionsFromEnv(say))], say)
process.exit(0)
