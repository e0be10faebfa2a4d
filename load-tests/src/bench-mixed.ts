// The mixed day (issue 5): SDK users on the embedded platform (its own process) sending in DMs and
// groups, typing while composing, reading (receipts), watching presence, joining late, leaving
// early and losing their network now and then, at a modest rate for a fixed time.
//   npm run bench:mixed --workspace @tidings/load-tests
// BENCH_USERS (200), BENCH_RATE (50 messages/s), BENCH_DURATION_S (60), BENCH_GROUP_SIZE (8),
// BENCH_DROP_EVERY_S (2).
import { envNumber, int, machineLine, ms1, saveReport } from './bench-env.ts'
import { startEmbeddedProcess } from './embedded-process.ts'
import { runMixedDay, type MixedDayOptions } from './mixed-day.ts'

const say = (line: string) => process.stdout.write(line + '\n')
const machine = machineLine()
say(machine)
const platform = await startEmbeddedProcess()
try {
  const options: Omit<MixedDayOptions, 'mqttUrl' | 'httpUrl'> = {
    users: envNumber('BENCH_USERS', 200),
    rate: envNumber('BENCH_RATE', 50),
    durationS: envNumber('BENCH_DURATION_S', 60),
    groupSize: envNumber('BENCH_GROUP_SIZE', 8),
    networkDropEveryS: envNumber('BENCH_DROP_EVERY_S', 2),
    lateJoiners: 0.1,
    leavers: 0.1,
  }
  const r = await runMixedDay({ ...options, mqttUrl: platform.mqttUrl, httpUrl: platform.httpUrl, say })
  const l = r.latencyMs
  const markdown = [
    `# Mixed day, ${new Date().toISOString()}`,
    '',
    `Machine: ${machine}. Embedded platform (one process, SQLite); ${r.users} SDK users in one load-generator process, each in 4 DMs and 2 groups of ${options.groupSize} (${r.chats.direct} DMs, ${r.chats.group} groups); ${int(r.joined)} opened the app during the first half, ${int(r.left)} closed it during the second; one network drop every ${options.networkDropEveryS} s.`,
    'Each message: open the chat (typing interest), type 0.3–1.5 s, send, stop typing; receivers read at once if the chat is on screen, else half of them 1–4 s later. Latency: send → release by the receiving SDK (ordered, gaps filled).',
    '',
    '| duration s | offered/s | sent | stored | delivered | delivered/s | p50 ms | p95 ms | p99 ms | p99.9 ms | lost | dup | out of order | typing on / off | presence online / offline | receipts read / delivered | network drops | errors |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${r.durationS.toFixed(0)} | ${r.offeredPerS} | ${int(r.sent)} | ${int(r.stored)} | ${int(r.delivered)} | ${int(r.deliveredPerS)} | ${ms1(l.p50)} | ${ms1(l.p95)} | ${ms1(l.p99)} | ${ms1(l.p999)} | ${r.lost} | ${r.duplicates} | ${r.outOfOrder} | ${int(r.typingEvents.started)} / ${int(r.typingEvents.stopped)} | ${int(r.presenceEvents.online)} / ${int(r.presenceEvents.offline)} | ${int(r.receipts.read)} / ${int(r.receipts.delivered)} | ${r.networkDrops} | ${r.errors} |`,
    '',
    r.firstErrors.length ? `First errors:\n\n${r.firstErrors.map((e) => `- ${e}`).join('\n')}` : '',
  ].join('\n')
  saveReport('mixed', markdown, { machine, options, result: r }, say)
} finally {
  await platform.stop()
}
process.exit(0)
