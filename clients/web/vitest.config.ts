import { defineConfig } from 'vitest/config'
export default defineConfig({
  // the first run may apt-get install Chromium (tools/chromium/run.sh)
  test: { testTimeout: 30_000, hookTimeout: 180_000 },
})
