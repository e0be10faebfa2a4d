import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { freePorts } from '@tidings/bridge/local-servers'

const run = promisify(execFile)
const MOSQUITTO = fileURLToPath(new URL('../../tools/mosquitto/run.sh', import.meta.url))

/** Debian's Mosquitto (installed if missing) on a free port: the baseline relay. */
export async function startMosquitto(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-mosquitto-'))
  const [port] = await freePorts(1)
  await run(MOSQUITTO, ['start', dir, String(port)])
  return {
    url: `mqtt://127.0.0.1:${port}`,
    async stop() {
      await run(MOSQUITTO, ['stop', dir])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
