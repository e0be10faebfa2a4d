// The reconnect storm (issue 5): BENCH_STORM_CLIENTS (10,000) idle clients on one broker process
// dropped at once, then all reconnecting, for each target × drop × policy:
//   drop   'cut': every client socket destroyed at once (the network went away);
//          'restart': the broker process killed (Tidings: SIGKILL; Mosquitto: SIGTERM) and started again
//   policy 'immediate': redial at once, then every 1 s; 'backoff': the SDK's full-jitter backoff
//   npm run bench:storm --workspace @tidings/load-tests
// BENCH_ONLY=tidings|mosquitto picks one target; BENCH_STORM_TIMEOUT_S (120) bounds each storm.
import { envNumber, int, machineLine, mib, ms1, saveReport } from './bench-env.ts'
import { startMeasuredPlatforms } from './idle-targets.ts'
import { runReconnectStorm, type DropKind, type StormResult, type StormTarget } from './reconnect-storm.ts'
import { startMosquitto } from './servers.ts'
import { mosquittoStormTarget, tidingsStormTarget } from './storm-targets.ts'

const say = (line: string) => process.stdout.write(line + '\n')
const clients = envNumber('BENCH_STORM_CLIENTS', 10_000)
const timeoutS = envNumber('BENCH_STORM_TIMEOUT_S', 120)
const only = process.env.BENCH_ONLY
const machine = machineLine()
say(machine)

const results: StormResult[] = []
let nextAddress = 2
const storms = async (target: StormTarget) => {
  for (const drop of ['cut', 'restart'] as DropKind[])
    for (const policy of ['immediate', 'backoff'] as const) {
      say(`\n${target.name}: ${int(clients)} clients, ${drop}, ${policy}`)
      // Fresh source addresses each time: the previous storm's ports sit in TIME_WAIT.
      results.push(
        await runReconnectStorm(target, {
          clients,
          keepaliveS: 60,
          drop,
          policy,
          timeoutS,
          firstAddress: nextAddress,
          say,
        }),
      )
      nextAddress += 2 * Math.ceil(clients / 5_000)
    }
}

if (only !== 'tidings') {
  const mosquitto = await startMosquitto()
  try {
    await storms(mosquittoStormTarget(mosquitto))
  } finally {
    await mosquitto.stop()
  }
}
if (only !== 'mosquitto') {
  const tidings = await startMeasuredPlatforms(1)
  try {
    await storms(tidingsStormTarget(tidings))
  } finally {
    await tidings.stop()
  }
}

const rows = results.map(
  (r) =>
    `| ${r.target} | ${r.drop} | ${r.policy} | ${int(r.clients)} | ${int(r.back)} | **${ms1(r.allBackMs / 1000)}** | ${int(r.connectsPerS)} | ${int(r.reconnectMs.p50)} | ${int(r.reconnectMs.p95)} | ${int(r.reconnectMs.p99)} | ${int(r.failedDials)} | ${int(r.refusedConnacks)} | ${r.brokerPeakCpuCores.toFixed(2)} | ${r.brokerCpuSeconds.toFixed(1)} | ${mib(r.brokerRssBeforeBytes)} → ${mib(r.brokerPeakRssBytes)} |`,
)
const markdown = [
  `# Reconnect storm, ${new Date().toISOString()}`,
  '',
  `Machine: ${machine}. ${int(clients)} idle clients (keepalive 60 s) on one broker process, all dropped at once.`,
  '*all back*: drop → the last CONNACK. *reconnect ms*: per client, noticing the drop → its new CONNACK. *failed*: dials refused, reset or timed out. Broker CPU: cores busy in its busiest 100 ms, and CPU seconds over the storm; RSS before → peak.',
  '',
  '| target | drop | policy | clients | back | all back s | connects/s | reconnect p50 ms | p95 ms | p99 ms | failed dials | refused CONNACKs | broker peak CPU | broker CPU s | broker RSS MiB |',
  '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows,
].join('\n')
saveReport('storm', markdown, { machine, clients, results }, say)
process.exit(0)
