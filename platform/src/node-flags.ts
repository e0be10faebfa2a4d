/**
 * Node flags every Tidings server process runs with: `npm start` (platform/package.json, kept
 * equal by test/node-flags.test.ts), the processes of `npm run cluster`, and the platforms the
 * benchmarks start.
 *
 * A 32 MB semi-space: short-lived objects die young instead of being promoted by a scavenge that
 * catches them in flight. During a burst of connects that left old-space pages partly empty:
 * 8.8 KB of RSS per idle connection against 6.5 KB with it, live objects 5.0 KB either way
 * (docs/benchmarks.md, "Idle connections"). It costs a fixed amount of young-generation memory,
 * not an amount per connection, and fewer scavenges under message load.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32']
