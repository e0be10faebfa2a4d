import { describe, expect, it } from 'vitest'
import { failed, ok, type Outcome } from '../src/store/outcome.ts'
import { PipelinedBatcher } from '../src/store/pipelined-batcher.ts'

/** A promise settled from outside: lets a test decide which batch finishes first. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

const turn = () => new Promise((resolve) => setImmediate(resolve))

/**
 * A backend whose writes finish when the test says so. Each batch is recorded with the
 * number of batches running beside it when it started.
 */
function controlledBackend() {
  const batches: { items: number[]; running: number; finish: (outcomes?: Outcome<string>[]) => void }[] = []
  let running = 0
  const prepare = async (items: number[]) => {
    running++
    const done = deferred<Outcome<string>[]>()
    batches.push({
      items,
      running,
      finish: (outcomes) => done.resolve(outcomes ?? items.map((i) => ok(`stored ${i}`))),
    })
    return async () => {
      try {
        return await done.promise
      } finally {
        running--
      }
    }
  }
  return { prepare, batches }
}

describe('PipelinedBatcher', () => {
  it('batches what is submitted in one turn, up to maxBatch items', async () => {
    const seen: number[][] = []
    const batcher = new PipelinedBatcher<number, number>(
      async (items) => {
        seen.push(items)
        return async () => items.map((i) => ok(i * 2))
      },
      4,
      8,
    )
    const results = Promise.all([1, 2, 3, 4, 5, 6].map((i) => batcher.submit(i)))
    expect(await results).toEqual([2, 4, 6, 8, 10, 12])
    expect(seen).toEqual([
      [1, 2, 3, 4],
      [5, 6],
    ])
  })

  it('settles in submission order when a later batch finishes first', async () => {
    const backend = controlledBackend()
    const batcher = new PipelinedBatcher(backend.prepare, 2, 2)
    const order: number[] = []
    const all = [1, 2, 3, 4].map((i) => batcher.submit(i).then(() => order.push(i)))
    await turn()
    await turn()
    expect(backend.batches.map((b) => b.items)).toEqual([
      [1, 2],
      [3, 4],
    ])
    backend.batches[1]!.finish()
    await turn()
    expect(order).toEqual([]) // the second batch waits for the first
    backend.batches[0]!.finish()
    await Promise.all(all)
    expect(order).toEqual([1, 2, 3, 4])
  })

  it('runs at most maxInFlight batches at once, and starts the next when one finishes', async () => {
    const backend = controlledBackend()
    const batcher = new PipelinedBatcher(backend.prepare, 1, 2)
    const all = [1, 2, 3, 4, 5].map((i) => batcher.submit(i))
    for (let i = 0; i < 5; i++) await turn()
    expect(backend.batches).toHaveLength(2)
    backend.batches[0]!.finish()
    for (let i = 0; i < 5; i++) await turn()
    expect(backend.batches).toHaveLength(3)
    for (let next = 1; next < 5; next++) {
      backend.batches[next]!.finish()
      for (let i = 0; i < 5; i++) await turn()
    }
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4, 5].map((i) => `stored ${i}`))
    expect(Math.max(...backend.batches.map((b) => b.running))).toBe(2)
  })

  it('a failed write fails its own batch only; a refused item fails alone', async () => {
    const boom = new Error('write failed')
    let batch = 0
    const batcher = new PipelinedBatcher<number, number>(
      async (items) => {
        batch++
        if (batch === 1) return async () => Promise.reject(boom)
        return async () => items.map((i) => (i === 4 ? failed(new Error('refused 4')) : ok(i)))
      },
      2,
      1,
    )
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((i) => batcher.submit(i)))
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'write failed',
      'write failed',
      3,
      'refused 4',
      5,
    ])
  })

  it('a prepare that throws, at once or later, fails its batch and the next one runs', async () => {
    let batch = 0
    const batcher = new PipelinedBatcher<number, number>(
      (items) => {
        batch++
        if (batch === 1) throw new Error('thrown')
        if (batch === 2) return Promise.reject(new Error('rejected'))
        return Promise.resolve(async () => items.map((i) => ok(i)))
      },
      1,
      1,
    )
    const results = await Promise.allSettled([1, 2, 3].map((i) => batcher.submit(i)))
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'thrown',
      'rejected',
      3,
    ])
  })

  it('idle() waits until everything submitted so far is settled', async () => {
    const backend = controlledBackend()
    const batcher = new PipelinedBatcher(backend.prepare, 1, 2)
    await batcher.idle() // nothing submitted: at once
    const settled: number[] = []
    for (const i of [1, 2, 3]) void batcher.submit(i).then(() => settled.push(i))
    let idle = false
    void batcher.idle().then(() => (idle = true))
    for (let next = 0; next < 3; next++) {
      for (let i = 0; i < 5; i++) await turn()
      expect(idle).toBe(false)
      backend.batches[next]!.finish()
    }
    for (let i = 0; i < 5; i++) await turn()
    expect(idle).toBe(true)
    expect(settled).toEqual([1, 2, 3])
  })
})
