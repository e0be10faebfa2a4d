/**
 * How fast this machine is at the moment, to read a benchmark by: the CPU time of two million
 * random reads over 64 MB, the best of three. Its work never changes, so a higher figure means a
 * slower machine: the 2-core VM of docs/benchmarks.md has slow periods of minutes in which every
 * process needs more CPU per message, and a memory-bound loop like this one slowed with them
 * (session 6). Run between phases, never during one.
 */
export function probeMachineMs(): number {
  const slots = 8 * 1024 * 1024
  const data = new Float64Array(slots).fill(1)
  let best = Infinity
  let sink = 0
  for (let round = 0; round < 3; round++) {
    const started = process.cpuUsage()
    let at = 12345
    for (let i = 0; i < 2_000_000; i++) {
      at = (at * 1103515245 + 12345) & (slots - 1)
      sink += data[at]!
    }
    const used = process.cpuUsage(started)
    best = Math.min(best, (used.user + used.system) / 1000)
  }
  if (sink < 0) throw new Error('unreachable') // keeps the reads from being optimised away
  return best
}
