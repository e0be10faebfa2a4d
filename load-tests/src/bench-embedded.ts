// Embedded mode (`npm start`: one process, SQLite) against a Mosquitto relay in the same run:
//   npm run bench:embedded --workspace @tidings/load-tests
// Same scenario and BENCH_* settings as bench:cluster (see src/bench-cluster.ts); the default
// rates are 5,000/s (issue 5: p99 under 20 ms there) plus flat out (issue 5: 25,000 persisted/s).
import { comparisonOptionsFromEnv, runBench } from './comparison.ts'
import { startEmbeddedProcess } from './embedded-process.ts'
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
  await runBench(
    'embedded',
    'Embedded benchmark',
    'Load generator, Mosquitto and the Tidings process share it.',
    targets,
    options,
  )
} finally {
  await Promise.all([mosquitto.stop(), platform.stop()])
}
process.exit(0)
