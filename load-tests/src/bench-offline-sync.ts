// A device offline while 1,000 messages arrive across 50 chats (issue 4): how long after the
// network returns until the SDK has released all of them, in order, once.
//   npm run bench:offline-sync --workspace @tidings/load-tests
// Settings: BENCH_OFFLINE_CHATS (50), BENCH_OFFLINE_MESSAGES (1000), BENCH_OFFLINE_ROUNDS (10),
// BENCH_OFFLINE_MIN_MS (0: the outage lasts as long as sending takes; longer outages grow the
// SDK's reconnect backoff), BENCH_NODE_ARGS.
import { offlineSync, offlineSyncOptionsFromEnv, publishReport } from './scenarios.ts'

const say = (line: string) => process.stdout.write(line + '\n')
publishReport(
  'offline-sync',
  'Offline-sync benchmark',
  [await offlineSync(offlineSyncOptionsFromEnv(say))],
  say,
)
process.exit(0)
