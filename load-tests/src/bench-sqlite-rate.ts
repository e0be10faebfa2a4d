// The embedded store's append latency at a fixed rate, with the WAL checkpointed off the event loop
// (the default, and with the WAL limit of session 7) against SQLite's automatic checkpoint inside
// the commits, in the same run:
//   npm run bench:sqlite --workspace @tidings/load-tests
// Settings: SQLITE_BENCH_RATE (5000/s), SQLITE_BENCH_SECONDS (15), SQLITE_BENCH_CHATS (50), body 100 bytes;
// SQLITE_BENCH_WATERMARKS (500/s): read receipts' watermark writes on the main thread alongside,
// timed by how long each blocks the event loop (they meet the append thread's commits).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteStore, type SqliteStoreOptions } from '@tidings/bridge/store'
import { envNumber, int, machineLine, ms1, saveReport } from './bench-env.ts'
import { LatencyRecorder } from './latency.ts'
import { plainAppend } from './plain-append.ts'

const RATE = envNumber('SQLITE_BENCH_RATE', 5000)
const SECONDS = envNumber('SQLITE_BENCH_SECONDS', 15)
const CHATS = envNumber('SQLITE_BENCH_CHATS', 50)
const WATERMARKS = envNumber('SQLITE_BENCH_WATERMARKS', 500)
const say = (line: string) => process.stdout.write(line + '\n')

/** Appends at RATE for SECONDS (1 ms ticks, as messages arrive), timing each from submit to commit. */
let runs = 0
async function run(name: string, options: Omit<SqliteStoreOptions, 'path'>, dir: string) {
  const store = new SqliteStore({ path: join(dir, `run-${++runs}.sqlite`), ...options })
  const chats = await Promise.all(
    Array.from({ length: CHATS }, async (_, i) => (await store.createDirect(`a${i}`, `b${i}`)).chat.id),
  )
  const latency = new LatencyRecorder()
  const blocked = new LatencyRecorder()
  const body = new Uint8Array(100)
  await store.append(plainAppend(chats[0]!, 'a0', body)) // the append thread is up (not timed)
  const start = performance.now()
  let sent = 0
  let raised = 0
  const pending: Promise<unknown>[] = []
  while (performance.now() - start < SECONDS * 1000) {
    const elapsedS = (performance.now() - start) / 1000
    const due = Math.floor(elapsedS * RATE) - sent
    for (let k = 0; k < due; k++, sent++) {
      const t = performance.now()
      pending.push(
        store
          .append(plainAppend(chats[sent % CHATS]!, `a${sent % CHATS}`, body))
          .then(() => latency.record(performance.now() - t)),
      )
    }
    for (const stop = Math.floor(elapsedS * WATERMARKS); raised < stop; raised++) {
      const t = performance.now()
      pending.push(store.raiseWatermark(chats[raised % CHATS]!, `b${raised % CHATS}`, 'read', raised))
      blocked.record(performance.now() - t) // the write is synchronous: this is the loop's wait
    }
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  await Promise.all(pending)
  await store.close()
  const l = latency.summary()
  const b = blocked.summary()
  say(`  ${name}: ${int(l.count)} appends`)
  return `| ${name} | ${int(l.count / SECONDS)} | ${ms1(l.p50)} | ${ms1(l.p99)} | ${ms1(l.p999)} | ${ms1(l.max)} | ${b.p99.toFixed(2)} / ${ms1(b.max)} |`
}

const dir = mkdtempSync(join(tmpdir(), 'tidings-sqlite-bench-'))
try {
  const rows: string[] = []
  // Alternated twice, so a burst of load elsewhere on the machine does not favour one side.
  for (let round = 0; round < 2; round++) {
    rows.push(await run('SQLite automatic checkpoint (in the commit)', { checkpointIntervalMs: 0 }, dir))
    rows.push(await run('worker thread, WAL limit 64 MiB (session 7)', { walLimitPages: 16_384 }, dir))
    rows.push(await run('worker thread, WAL limit 256 MiB (default)', {}, dir))
  }
  saveReport(
    'sqlite-append',
    [
      `## SqliteStore append latency at ${int(RATE)}/s`,
      machineLine(),
      `${CHATS} chats, 100-byte bodies, ${SECONDS} s per run; latency from append() to its commit.`,
      `${int(WATERMARKS)} watermark writes/s alongside, on the main thread: how long each blocked its event loop.`,
      '',
      '| checkpoints | appends/s | p50 ms | p99 ms | p99.9 ms | max ms | watermark write p99 / max ms |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...rows,
    ].join('\n'),
    { rate: RATE, seconds: SECONDS, chats: CHATS, watermarks: WATERMARKS, rows },
    say,
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
process.exit(0)
