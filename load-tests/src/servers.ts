import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { freePorts } from '@tidings/bridge/local-servers'

const run = promisify(execFile)
const MOSQUITTO = fileURLToPath(new URL('../../tools/mosquitto/run.sh', import.meta.url))

export interface MosquittoServer {
  url: string
  /** The broker's process id (for RSS and CPU readings). */
  readonly pid: number
  /** Stops the broker (SIGTERM) and starts it again on the same port. */
  restart(): Promise<void>
  stop(): Promise<void>
}

/** Debian's Mosquitto (installed if missing) on a free port: the baseline relay. */
export async function startMosquitto(): Promise<MosquittoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-mosquitto-'))
  const [port] = await freePorts(1)
  const start = async () => {
    await run(MOSQUITTO, ['start', dir, String(port)])
    return Number(readFileSync(join(dir, 'mosquitto.pid'), 'utf8').trim())
  }
  let pid = await start()
  return {
    url: `mqtt://127.0.0.1:${port}`,
    get pid() {
      return pid
    },
    async restart() {
      await run(MOSQUITTO, ['stop', dir])
      pid = await start()
    },
    async stop() {
      await run(MOSQUITTO, ['stop', dir])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
