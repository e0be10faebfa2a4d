import { threadId } from 'node:worker_threads'

const FREE = 0
const HELD = 1
/** Released by this thread to a party that was already waiting: only another thread may take it. */
const handedOverBy = (thread: number) => -(thread + 1)

/**
 * One writer at a time among the threads of this process that write the embedded store's file
 * (the main thread and the append thread), taken before SQLite's own write lock. SQLite makes a
 * connection that finds the file locked sleep 1, 2, 5, 10… ms and retry, so the main thread's
 * event loop (a receipt's watermark) or the append thread slept far longer than the other's
 * transaction lasted. Atomics.wait wakes the waiter as soon as the holder is done, and a release
 * hands the lock to a party already waiting, so a busy append thread cannot starve the main one.
 *
 * The state lives in a SharedArrayBuffer that every party constructs a WriteLock over.
 */
export class WriteLock {
  /** [0]: FREE, HELD or handedOverBy(a thread); [1]: parties waiting. */
  private readonly cells: Int32Array
  /** This thread holds the lock through this object. */
  private heldHere = false

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(8)) {
    this.cells = new Int32Array(buffer)
  }

  /**
   * Runs fn holding the lock. After timeoutMs of waiting it runs fn anyway and leaves the waiting
   * to SQLite's busy_timeout, so a holder that died cannot wedge the store.
   */
  hold<T>(fn: () => T, timeoutMs = 5_000): T {
    if (this.heldHere) return fn() // a write within a write (a callback of the outer one)
    const held = this.acquire(timeoutMs)
    this.heldHere = held
    try {
      return fn()
    } finally {
      if (held) {
        this.heldHere = false
        this.release()
      }
    }
  }

  /** Frees the lock whoever holds it: for a party that ended while holding it. */
  reset(): void {
    Atomics.store(this.cells, 0, FREE)
    Atomics.notify(this.cells, 0)
  }

  private tryTake(asWaiter: boolean): boolean {
    const cells = this.cells
    const state = Atomics.compareExchange(cells, 0, FREE, HELD)
    if (state === FREE) return true
    if (state >= 0) return false
    // A hand-over is for a party that was waiting, not for the thread that released it, unless
    // nobody else waits any more (a waiter gave up).
    const othersWaiting = Atomics.load(cells, 1) - (asWaiter ? 1 : 0)
    if (state === handedOverBy(threadId) && othersWaiting > 0) return false
    return Atomics.compareExchange(cells, 0, state, HELD) === state
  }

  private acquire(timeoutMs: number): boolean {
    if (this.tryTake(false)) return true
    const cells = this.cells
    const deadline = performance.now() + timeoutMs
    Atomics.add(cells, 1, 1)
    try {
      for (;;) {
        if (this.tryTake(true)) return true
        const left = deadline - performance.now()
        if (left <= 0) return false
        // Held, or handed over by this thread to the other: sleep until the next release. Any
        // other state changed since tryTake looked, and is worth another try at once.
        const state = Atomics.load(cells, 0)
        if (state === HELD || state === handedOverBy(threadId)) Atomics.wait(cells, 0, state, left)
      }
    } finally {
      Atomics.sub(cells, 1, 1)
    }
  }

  private release(): void {
    const next = Atomics.load(this.cells, 1) > 0 ? handedOverBy(threadId) : FREE
    Atomics.store(this.cells, 0, next)
    Atomics.notify(this.cells, 0)
  }
}
