// The idle-connection soak (issue 5): idle MQTT connections with keepalive, broker RSS per connection.
//   npm run bench:idle --workspace @tidings/load-tests
// 1. BENCH_IDLE_CONNECTIONS (19,500: near the 20,000 open files a process may have here) to one
//    Mosquitto process and to one embedded Tidings process, one after the other;
// 2. BENCH_IDLE_TOTAL (100,000; 0 skips it) over BENCH_IDLE_BROKERS (6) embedded processes.
// Keepalive BENCH_KEEPALIVE_S (30), held BENCH_HOLD_S (60) once all are up. The clients are raw
// sockets in forked workers (10,000 each), from 127.0.0.2 onwards, 5,000 per source address.
import { envNumber, int, machineLine, mib, saveReport } from './bench-env.ts'
import { runIdleSoak, type IdleSoakOptions, type IdleSoakResult, type IdleTarget } from './idle-soak.ts'
import { mosquittoIdleTarget, startMeasuredPlatforms, tidingsIdleTarget } from './idle-targets.ts'
import { openFileLimit } from './proc-stats.ts'
import { startMosquitto } from './servers.ts'

const say = (line: string) => process.stdout.write(line + '\n')
const perProcess = envNumber('BENCH_IDLE_CONNECTIONS', 19_500)
const total = envNumber('BENCH_IDLE_TOTAL', 100_000)
const brokers = envNumber('BENCH_IDLE_BROKERS', 6)
// Extra node flags for the measured platforms, as in the other benchmarks (e.g. a V8 heap setting).
const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []
const base = {
  keepaliveS: envNumber('BENCH_KEEPALIVE_S', 30),
  holdS: envNumber('BENCH_HOLD_S', 60),
  warmup: 200,
  concurrency: 200,
  say,
}
const machine = machineLine()
say(`${machine}; open files per process: ${openFileLimit('self')}`)

const results: IdleSoakResult[] = []
let nextAddress = 2
const soak = async (target: IdleTarget, connections: number) => {
  const options: IdleSoakOptions = { ...base, connections, firstAddress: nextAddress }
  nextAddress += Math.ceil(connections / 5_000) + 2 // fresh source addresses: the last run's ports sit in TIME_WAIT
  say(`\n${target.name}: ${int(connections)} idle connections over ${target.brokers.length} process(es)`)
  results.push(await runIdleSoak(target, options))
}

const mosquitto = await startMosquitto()
try {
  await soak(mosquittoIdleTarget(mosquitto), perProcess)
} finally {
  await mosquitto.stop()
}
const one = await startMeasuredPlatforms(1, nodeArgs)
try {
  say(`embedded platform open-file limit: ${openFileLimit(one.platforms[0]!.pid)}`)
  await soak(tidingsIdleTarget('Tidings embedded, 1 process', one.platforms, one.jwtSecret), perProcess)
} finally {
  await one.stop()
}
if (total > 0) {
  const many = await startMeasuredPlatforms(brokers, nodeArgs)
  try {
    await soak(
      tidingsIdleTarget(`Tidings embedded, ${brokers} processes`, many.platforms, many.jwtSecret),
      total,
    )
  } finally {
    await many.stop()
  }
}

const rows = results.map(
  (r) =>
    `| ${r.target} | ${r.brokers} | ${int(r.connections)} | ${int(r.held)} | ${r.connectSeconds.toFixed(1)} | ${int(r.connectsPerS)} | ${mib(r.rssBeforeBytes)} | ${mib(r.rssAfterBytes)} | **${int(r.bytesPerConnection)}** | ${r.heapUsedPerConnection === undefined ? '' : `${int(r.heapUsedPerConnection)} / ${int(r.heapTotalPerConnection!)}`} | ${int(r.pingsSent)} / ${int(r.pingResponses)} | ${r.drops} | ${r.failed + r.refused} | ${r.sourceAddresses} |`,
)
const [mq, td] = results
const markdown = [
  `# Idle-connection soak, ${new Date().toISOString()}`,
  '',
  `Machine: ${machine}. Keepalive ${base.keepaliveS} s, every connection held ${base.holdS} s once all were up.`,
  'RSS: VmRSS of each broker process after a forced full GC (Tidings), once three readings 500 ms apart agree within 0.5%, before and after the connections; bytes/conn = (after − before) / connections held. JS heap (Node brokers): used and size (committed) after the same GC; the size exceeds the used part by the free space of partly filled heap pages.',
  '',
  '| target | processes | connections | held | connect s | connects/s | RSS before MiB | RSS after MiB | bytes/conn | JS heap used / size, bytes/conn | pings sent / answered | drops | failed | source addresses |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows,
  '',
  mq && td
    ? `Bytes per connection, Tidings / Mosquitto: ${(td.bytesPerConnection / mq.bytesPerConnection).toFixed(1)}. Target: 8,192 bytes.`
    : '',
].join('\n')
saveReport('idle', markdown, { machine, options: base, results }, say)
process.exit(0)
