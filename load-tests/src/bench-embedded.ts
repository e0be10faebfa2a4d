// Embedded mode (`npm start`: one process, SQLite) against a Mosquitto relay in the same run:
//   npm run bench:embedded --workspace @tidings/load-tests
// Same scenario and BENCH_* settings as bench:cluster (see src/bench-cluster.ts); the default
// rates are 5,000/s (issue 5: p99 under 20 ms there) plus flat out (issue 5: 25,000 persisted/s).
import { comparisonMarkdown, comparisonOptionsFromEnv, runComparison } from './comparison.ts'
import { startEmbeddedProcess } from './embedded-process.ts'
import { writeReport } from './report.ts'
import { startMosquitto } from './servers.ts'
import { mosquittoTarget } from './targets/mosquitto.ts'
import { tidingsTarget } from './targets/tidings.ts'

const say = (line: string) => process.stdout.write(line + '\n')
const options = comparisonOptionsFromEnv(say)

say('starting Mosquitto and the embedded platform…')
const [mosquitto, platform] = await Promise.all([
  startMosquitto(),
  startEmbeddedProcess(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean)),
])
try {
  const targets = {
    mosquitto: () => mosquittoTarget(mosquitto.url),
    tidings: () =>
      tidingsTarget('Tidings embedded (1 process, SQLite)', {
        senderBrokers: [platform.mqttUrl],
        receiverBrokers: [platform.mqttUrl],
        httpUrl: platform.httpUrl,
      }),
  }
  const only = process.env.BENCH_ONLY as keyof typeof targets | undefined
  const results = await runComparison(only ? [targets[only]] : Object.values(targets), options)
  const { machine, markdown } = comparisonMarkdown(
    'Embedded benchmark',
    'Load generator, Mosquitto and the Tidings process share it.',
    options,
    results,
  )
  say('\n' + markdown)
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  say(`\nreport: ${writeReport(`embedded-${stamp}`, markdown, { machine, options, results }).join(', ')}`)
} finally {
  await Promise.all([mosquitto.stop(), platform.stop()])
}
process.exit(0)
