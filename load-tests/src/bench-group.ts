// A message to a 500-member group, everyone online (issue 4), against Mosquitto fanning out to
// 500 subscribers of one topic in the same run:
//   npm run bench:group --workspace @tidings/load-tests
// Settings: BENCH_GROUP_MEMBERS (500), BENCH_GROUP_SENDERS (4), BENCH_GROUP_RATE (10 messages/s
// over all senders), BENCH_GROUP_WARMUP_S (3), BENCH_GROUP_MEASURE_S (20), BENCH_ONLY
// (mosquitto|tidings), BENCH_CLUSTER=1 (adds cluster mode: Redis, Cassandra, 2 brokers with the
// members alternating between them, 2 bridges, the API), BENCH_NODE_ARGS.
import { groupFanOut, groupOptionsFromEnv, publishReport } from './scenarios.ts'

const say = (line: string) => process.stdout.write(line + '\n')
const cluster = process.env.BENCH_CLUSTER === '1'
publishReport('group', 'Group fan-out benchmark', [await groupFanOut(groupOptionsFromEnv(say), cluster)], say)
process.exit(0)
