// What one hop between processes costs on this machine, the floor under every cluster figure:
//   npm run bench:hop --workspace @tidings/load-tests
// Round trips over loopback TCP, one at a time (each wakes both sides) and with 32 in flight
// (one wake-up serves many): Node to a Node echo server, and Node (ioredis) to Redis (PING).
// Prints wall time and CPU per round trip on each side. BENCH_HOP_ROUNDS (20000) per row.
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { connect, createServer } from 'node:net'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { startRedis } from '@tidings/bridge/local-servers'
import { corkPerTurn } from '@tidings/bridge/redis-cork'
import { cpuSeconds, pidFromFile } from './proc-stats.ts'

const ROUNDS = Number(process.env.BENCH_HOP_ROUNDS ?? 20_000)

interface Row {
  what: string
  inFlight: number
  wallUs: number
  clientUs: number
  serverUs: number
}

/** Runs `rounds` round trips with `inFlight` outstanding; CPU from /proc for both processes. */
async function measure(
  what: string,
  inFlight: number,
  serverPid: number,
  roundTrip: () => Promise<unknown>,
): Promise<Row> {
  for (let i = 0; i < 500; i++) await roundTrip() // warm both sides
  const [client0, server0, t0] = [cpuSeconds(process.pid), cpuSeconds(serverPid), performance.now()]
  let started = 0
  const lane = async () => {
    while (started < ROUNDS) {
      started++
      await roundTrip()
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane))
  const per = (s: number) => (s * 1e6) / ROUNDS
  return {
    what,
    inFlight,
    wallUs: ((performance.now() - t0) * 1000) / ROUNDS,
    clientUs: per(cpuSeconds(process.pid) - client0),
    serverUs: per(cpuSeconds(serverPid) - server0),
  }
}

/** A Node echo server in a child process; round trips are 1-byte writes answered in order. */
async function nodeEcho(): Promise<{ pid: number; roundTrip: () => Promise<void>; stop: () => void }> {
  const child = fork(new URL(import.meta.url), ['echo-server'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const [port] = (await once(child, 'message')) as [number]
  const socket = connect(port, '127.0.0.1')
  socket.setNoDelay(true)
  await once(socket, 'connect')
  const waiting: (() => void)[] = []
  socket.on('data', (chunk: Buffer) => {
    for (let i = 0; i < chunk.length; i++) waiting.shift()?.()
  })
  return {
    pid: child.pid!,
    roundTrip: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve)
        socket.write('x')
      }),
    stop: () => {
      socket.destroy()
      child.kill()
    },
  }
}

if (process.argv[2] === 'echo-server') {
  const server = createServer((s) => {
    s.setNoDelay(true)
    s.on('data', (d) => s.write(d))
  })
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as { port: number }).port))
} else {
  const rows: Row[] = []
  const echo = await nodeEcho()
  for (const inFlight of [1, 32])
    rows.push(await measure('Node → Node echo', inFlight, echo.pid, echo.roundTrip))
  echo.stop()
  const redisServer = await startRedis()
  const redisPid = pidFromFile(join(redisServer.dir, 'redis.pid'))!
  // With auto-pipelining (commands of one turn, one write), plain (a write per command)
  // and corked per turn (bridge/src/redis-cork.ts: one write per turn, no pipeline objects).
  for (const mode of ['auto-pipelining', 'plain', 'corked per turn'] as const) {
    const redis = new Redis({
      host: redisServer.host,
      port: redisServer.port,
      enableAutoPipelining: mode === 'auto-pipelining',
    })
    if (mode === 'corked per turn') corkPerTurn(redis)
    const what = `Node (ioredis, ${mode}) → Redis PING`
    for (const inFlight of [1, 32]) rows.push(await measure(what, inFlight, redisPid, () => redis.ping()))
    redis.disconnect()
  }
  await redisServer.stop()

  const f = (n: number) => n.toFixed(1)
  console.log(
    `\n${ROUNDS} round trips per row over 127.0.0.1; load average at the end ${(await import('node:os')).loadavg()[0]!.toFixed(2)}\n`,
  )
  console.log(
    '| round trip | in flight | wall µs per round trip | client CPU µs | server CPU µs | both, µs |',
  )
  console.log('|---|---:|---:|---:|---:|---:|')
  for (const r of rows)
    console.log(
      `| ${r.what} | ${r.inFlight} | ${f(r.wallUs)} | ${f(r.clientUs)} | ${f(r.serverUs)} | ${f(r.clientUs + r.serverUs)} |`,
    )
  process.exit(0)
}
