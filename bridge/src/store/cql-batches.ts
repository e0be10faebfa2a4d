/** One CQL write. withPrevious: keep it in the batch of the statement before it (a message and its target's update). */
export interface Statement {
  query: string
  params: unknown[]
  withPrevious?: boolean
}

// Roughly what one mutation adds to a batch beyond its blobs; batches stay below 40 KiB, under the
// stock limits of both Cassandra (batch_size_fail_threshold 50 KiB) and ScyllaDB.
const MUTATION_OVERHEAD_BYTES = 256
export const MAX_BATCH_BYTES = 40 * 1024

const costOf = (s: Statement): number =>
  s.params.reduce<number>((sum, p) => sum + (Buffer.isBuffer(p) ? p.length : 0), MUTATION_OVERHEAD_BYTES)

/**
 * Splits writes into unlogged batches of at most MAX_BATCH_BYTES, keeping each statement with
 * the ones marked withPrevious after it. A group too large for one batch (an edit with a big
 * body) is written statement by statement instead: every statement is idempotent and carries its
 * own ordering (cql-store.ts), so only the all-or-nothing visibility of the group is lost.
 */
export function chunkForBatches(statements: readonly Statement[]): Statement[][] {
  const groups: Statement[][] = []
  for (const s of statements) {
    if (s.withPrevious && groups.length > 0) groups.at(-1)!.push(s)
    else groups.push([s])
  }
  const chunks: Statement[][] = []
  let size = Infinity
  for (const group of groups) {
    const cost = group.reduce((sum, s) => sum + costOf(s), 0)
    if (cost > MAX_BATCH_BYTES) {
      for (const s of group) chunks.push([s])
      size = Infinity
      continue
    }
    if (size + cost > MAX_BATCH_BYTES) {
      chunks.push([])
      size = 0
    }
    chunks.at(-1)!.push(...group)
    size += cost
  }
  return chunks
}
