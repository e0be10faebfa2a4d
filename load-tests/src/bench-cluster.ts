// Cluster mode on this machine against a Mosquitto relay in the same run:
//   npm run bench:cluster --workspace @tidings/load-tests
// Starts Redis, a Cassandra node, 2 brokers, 2 bridges and the API (as for `npm run cluster`;
// BENCH_CLUSTER_BROKERS and BENCH_CLUSTER_BRIDGES change the counts),
// and Mosquitto; runs the 1:1 pairs scenario on each at fixed offered loads, then flat out.
// Settings: BENCH_PAIRS (50), BENCH_RATES (a list, default 5000), BENCH_WARMUP_S (3 per phase),
// BENCH_MEASURE_S (15), BENCH_SATURATION_S (10; 0 skips flat out), BENCH_WARMUP_RUN_S (15, an
// unreported run first), BENCH_ONLY (mosquitto|tidings), BENCH_NODE_ARGS (e.g. "--cpu-prof
// --cpu-prof-dir=/tmp/prof" to profile every cluster process), BENCH_CASSANDRA_WARMUP_S (60: the
// freshly started Cassandra node runs the write path flat out first, so its JIT is warm).
import { comparisonOptionsFromEnv } from './comparison.ts'
import { clusterPairs, publishReport } from './scenarios.ts'

const say = (line: string) => process.stdout.write(line + '\n')
publishReport('cluster', 'Cluster benchmark', [await clusterPairs(comparisonOptionsFromEnv(say))], say)
process.exit(0)
