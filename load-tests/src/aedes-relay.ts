// The framework baseline: stock Aedes as a bare QoS 1 relay, as its own process. No auth, no
// storage, no Tidings code; the same Node flags and Aedes settings as a Tidings broker (noDelay,
// `concurrency` raised), so what Tidings adds on top of its framework can be told apart from what
// Aedes itself costs. Listens on 127.0.0.1 on a free port and prints {"port": N} once it does.
//   node --import tsx src/aedes-relay.ts      (startAedesRelay() in servers.ts runs it)
import { createServer } from 'node:net'
import { Aedes } from 'aedes'

const broker = await Aedes.createBroker({ concurrency: 100_000 })
const server = createServer({ noDelay: true }, broker.handle)
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  if (address && typeof address === 'object')
    process.stdout.write(JSON.stringify({ port: address.port }) + '\n')
})
