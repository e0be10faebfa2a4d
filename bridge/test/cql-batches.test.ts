import { describe, expect, it } from 'vitest'
import { MAX_BATCH_BYTES, chunkForBatches, type Statement } from '../src/store/cql-batches.ts'

const write = (name: string, bytes: number, withPrevious = false): Statement => ({
  query: name,
  params: [Buffer.alloc(bytes)],
  ...(withPrevious ? { withPrevious } : {}),
})
const names = (chunks: Statement[][]) => chunks.map((c) => c.map((s) => s.query))

describe('chunkForBatches', () => {
  it('fills batches up to the limit', () => {
    const small = Array.from({ length: 300 }, (_, i) => write(`m${i}`, 100))
    const chunks = chunkForBatches(small)
    expect(chunks.flat()).toEqual(small)
    expect(chunks.length).toBeGreaterThan(1)
    for (const c of chunks)
      expect(c.reduce((n, s) => n + (s.params[0] as Buffer).length, 0)).toBeLessThan(MAX_BATCH_BYTES)
  })

  it('keeps a message with its target update, starting a new batch rather than splitting them', () => {
    const fill = write('fill', MAX_BATCH_BYTES - 2_000)
    const chunks = chunkForBatches([
      fill,
      write('edit', 1_000),
      write('target', 1_000, true),
      write('next', 10),
    ])
    expect(names(chunks)).toEqual([['fill'], ['edit', 'target', 'next']])
  })

  it('writes a group too large for one batch statement by statement, never as an oversized batch', () => {
    const big = MAX_BATCH_BYTES * 0.75
    const chunks = chunkForBatches([write('other chat', 10), write('edit', big), write('target', big, true)])
    expect(names(chunks)).toEqual([['other chat'], ['edit'], ['target']])
    // a single large message alone is one statement, as before
    expect(names(chunkForBatches([write('huge', 60_000)]))).toEqual([['huge']])
  })
})
