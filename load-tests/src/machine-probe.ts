const SLOTS = 8 * 1024 * 1024 // 64 MB of doubles
let data: Float64Array | undefined

/**
 * How fast this machine is at the moment, to read a benchmark by: the CPU time of two million
 * random reads over 64 MB, the best of three. Its work never changes, so a higher figure means a
 * slower machine: the 2-core VM of docs/benchmarks.md has slow periods of minutes in which every
 * process needs more CPU per message, and a memory-bound loop like this one slowed with them
 * (session 6). Run between phases, never during one.
 */
export function probeMachineMs(): number {
  if (!data) {
    data = new Float64Array(SLOTS).fill(1)
    // The first rounds of a process run 40-60 % slower (compilation, fresh pages): not measured.
    for (let round = 0; round < 6; round++) randomReads(data)
  }
  let best = Infinity
  for (let round = 0; round < 3; round++) {
    const started = process.cpuUsage()
    randomReads(data)
    const used = process.cpuUsage(started)
    best = Math.min(best, (used.user + used.system) / 1000)
  }
  return best
}

function randomReads(slots: Float64Array): number {
  let sum = 0
  let at = 12345
  for (let i = 0; i < 2_000_000; i++) {
    // A 32-bit LCG (Math.imul: a float multiply would lose the low bits and cycle within a few
    // thousand slots); its low 23 bits do not repeat within 2 million steps.
    at = (Math.imul(at, 1103515245) + 12345) | 0
    sum += slots[at & (SLOTS - 1)]!
  }
  if (sum < 0) throw new Error('unreachable') // the sum keeps the reads from being optimised away
  return sum
}
