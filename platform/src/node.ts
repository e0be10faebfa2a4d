// One cluster process: `tsx src/node.ts migrate|broker|bridge|api`, configured by TIDINGS_* variables
// (docs/operations.md). `npm run cluster` starts a whole local cluster of them.
import pino from 'pino'
import { loadClusterConfig } from './cluster-config.ts'
import { migrate, startApiNode, startBridgeNode, startBrokerNode } from './cluster-nodes.ts'
import { runUntilSignal } from './until-signal.ts'

const roles = { broker: startBrokerNode, bridge: startBridgeNode, api: startApiNode }
const role = process.argv[2] as keyof typeof roles | 'migrate'
if (role !== 'migrate' && !(role in roles)) {
  process.stderr.write(`usage: node.ts migrate|${Object.keys(roles).join('|')}\n`)
  process.exit(2)
}
const config = loadClusterConfig()
if (role === 'migrate') {
  const applied = await migrate(config)
  process.stdout.write(`keyspace ${config.cassandra.keyspace}: ${applied} migration(s) applied\n`)
  process.exit(0)
}
const log = pino({ level: config.logLevel, base: { service: `tidings-${role}`, pid: process.pid } })
const node = await runUntilSignal(log, () => roles[role](config, log.child({ component: role })))
// The launcher (and tests) read this line to learn the ports; written whatever the log level.
process.stdout.write(
  JSON.stringify({ msg: 'ready', role, pid: process.pid, endpoints: node.endpoints }) + '\n',
)
