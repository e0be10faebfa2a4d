import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { OpenCommand, ParentMessage, WorkerMessage, WorkerStats } from './messages.ts'

const WORKER = fileURLToPath(new URL('./connection-worker.ts', import.meta.url))

/** Connections per worker process: well under the 20,000 open files a process may have here. */
export const PER_WORKER = 10_000
/**
 * Connections per source address. One 127.0.0.x has about 28,000 ephemeral ports (32768–60999),
 * but a bind() to an address with port 0 scans for a free port, and past about half the range
 * that scan costs seconds of kernel time per thousand sockets and then fails with EADDRINUSE
 * (measured: 4,160 of 19,500 failed on one address). 5,000 per address keeps it cheap.
 */
export const PER_ADDRESS = 5_000

export type PoolSpec = Omit<OpenCommand, 'type' | 'first' | 'count' | 'localAddresses'> & {
  count: number
  /** Index of the first connection (user ids of two pools must not collide). Default 0. */
  first?: number
  /** Source addresses to spread over; default enough 127.0.0.x (from .2) for PER_ADDRESS each. */
  localAddresses?: string[]
}

export function sourceAddresses(connections: number, from = 2): string[] {
  return Array.from(
    { length: Math.max(1, Math.ceil(connections / PER_ADDRESS)) },
    (_, i) => `127.0.0.${from + i}`,
  )
}

interface Worker {
  child: ChildProcess
  connected: number
  connecting: number
  waiters: Map<string, (message: WorkerMessage) => void>
}

/**
 * Idle MQTT connections held by forked worker processes (lean-mqtt/connection-worker.ts), so
 * the load generator's own event loop and open-file limit are not the bottleneck.
 */
export class ConnectionPool {
  private constructor(
    private readonly workers: Worker[],
    readonly spec: PoolSpec,
  ) {}

  /** Forks the workers and opens `spec.count` connections; `progress` gets (connected, connecting). */
  static async open(spec: PoolSpec, progress?: (connected: number, connecting: number) => void) {
    const count = Math.ceil(spec.count / PER_WORKER)
    const addresses = spec.localAddresses ?? sourceAddresses(spec.count)
    const workers = await Promise.all(Array.from({ length: count }, () => startWorker()))
    const pool = new ConnectionPool(workers, spec)
    const report = setInterval(() => progress?.(pool.connected, pool.connecting), 1000)
    try {
      const first = spec.first ?? 0
      await Promise.all(
        workers.map((w, i) => {
          const start = i * PER_WORKER
          const open: OpenCommand = {
            ...spec,
            type: 'open',
            first: first + start,
            count: Math.min(PER_WORKER, spec.count - start),
            localAddresses: addresses,
          }
          return request(w, open, 'opened')
        }),
      )
    } catch (err) {
      await pool.close()
      throw err
    } finally {
      clearInterval(report)
    }
    return pool
  }

  get connected(): number {
    return this.workers.reduce((sum, w) => sum + w.connected, 0)
  }

  get connecting(): number {
    return this.workers.reduce((sum, w) => sum + w.connecting, 0)
  }

  /** Every worker's counters, summed; reconnect times concatenated. */
  async stats(): Promise<WorkerStats> {
    const all = await Promise.all(
      this.workers.map(
        async (w) => ((await request(w, { type: 'stats' }, 'stats')) as { stats: WorkerStats }).stats,
      ),
    )
    const sum = (pick: (s: WorkerStats) => number) => all.reduce((total, s) => total + pick(s), 0)
    const errors: Record<string, number> = {}
    for (const s of all)
      for (const [code, n] of Object.entries(s.errors)) errors[code] = (errors[code] ?? 0) + n
    return {
      connected: sum((s) => s.connected),
      connecting: sum((s) => s.connecting),
      connects: sum((s) => s.connects),
      refused: sum((s) => s.refused),
      failed: sum((s) => s.failed),
      drops: sum((s) => s.drops),
      pingsSent: sum((s) => s.pingsSent),
      pingResponses: sum((s) => s.pingResponses),
      subAcks: sum((s) => s.subAcks),
      errors,
      firstDialAt: Math.min(...all.map((s) => s.firstDialAt)),
      lastConnectAt: Math.max(...all.map((s) => s.lastConnectAt)),
      reconnectMs: all.flatMap((s) => s.reconnectMs),
    }
  }

  /** Drops every connection at once (the workers destroy their sockets); they redial under the policy. */
  cut(): void {
    for (const w of this.workers) w.child.send({ type: 'cut' } satisfies ParentMessage)
  }

  /** Resolves once `target` connections are up (or rejects after `timeoutMs`). */
  async waitConnected(
    target: number,
    timeoutMs: number,
    progress?: (connected: number) => void,
  ): Promise<void> {
    const deadline = performance.now() + timeoutMs
    let lastReport = 0
    while (this.connected < target) {
      if (performance.now() > deadline)
        throw new Error(`only ${this.connected} of ${target} connections after ${timeoutMs} ms`)
      if (progress && performance.now() - lastReport > 1000) {
        lastReport = performance.now()
        progress(this.connected)
      }
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  /** Closes every connection and ends the workers. */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w) => {
        if (w.child.exitCode !== null || !w.child.connected) return
        const exited = new Promise((resolve) => w.child.once('exit', resolve))
        await request(w, { type: 'close' }, 'closed').catch(() => {})
        const killer = setTimeout(() => w.child.kill('SIGKILL'), 5_000)
        await exited
        clearTimeout(killer)
      }),
    )
  }
}

async function startWorker(): Promise<Worker> {
  const child = fork(WORKER, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const worker: Worker = { child, connected: 0, connecting: 0, waiters: new Map() }
  child.on('message', (message: WorkerMessage) => {
    if (message.type === 'progress') {
      worker.connected = message.connected
      worker.connecting = message.connecting
    }
    worker.waiters.get(message.type)?.(message)
  })
  await new Promise<void>((resolve, reject) => {
    worker.waiters.set('ready', () => resolve())
    child.once('exit', (code) => reject(new Error(`connection worker exited with ${code}`)))
  })
  return worker
}

/** Sends a command and waits for the worker's answer of type `answer` (or its exit). */
function request(
  worker: Worker,
  message: ParentMessage,
  answer: WorkerMessage['type'],
): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`connection worker exited with ${code}`))
    worker.child.once('exit', onExit)
    worker.waiters.set(answer, (reply) => {
      worker.waiters.delete(answer)
      worker.child.off('exit', onExit)
      resolve(reply)
    })
    worker.child.send(message)
  })
}
