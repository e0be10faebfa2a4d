import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'

const script = join(import.meta.dirname, '..', '..', '..', '..', 'tools', 'chromium', 'run.sh')

/** Debian's Chromium, headless, installed by tools/chromium/run.sh on first use (apt-get). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = execFileSync(script, ['path'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim()
  return chromium.launch({
    executablePath,
    headless: true,
    // Root (as on these machines) cannot use Chromium's sandbox.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  })
}
