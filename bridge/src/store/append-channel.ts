import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads'
import type { AppendInput } from './message-store.ts'
import { decodeBatch, encodeBatch, encodedBatchBound } from './sqlite-append-wire.ts'

/**
 * Batches from the main thread to the append thread through shared memory. A postMessage costs
 * more, once per batch: in a ping-pong test, ~13 µs more on the main thread (its structured
 * clone) and as much again on the other (waking its event loop); the store alone at 5,000
 * appends/s went from 30–32 to 27–28 µs of main-thread CPU per append (docs/benchmarks.md,
 * session 11). The main thread encodes a batch into a slot and rings a doorbell
 * (Atomics.notify); the append thread, which does nothing else, waits on it with Atomics.wait
 * and reads the batch in place. Answers still come back by postMessage, which wakes the main
 * thread's event loop.
 *
 * Requests take the slots in turn, both ends stepping through them alike. The sender keeps at
 * most `slots` requests unanswered (the append thread's PipelinedBatcher has that many in
 * flight), and the thread answers in order, so a slot is free again by the time it comes round.
 * The POSTED cell counts requests as an int32 that wraps; both ends wrap their copies the same
 * way. A batch too large for a slot goes in a SharedArrayBuffer of its own over the port, its
 * slot saying so; the thread takes it off the port synchronously, in its turn.
 */
const POSTED = 0 // control cell: requests posted so far
const IN_SLOT = 1
const ON_PORT = 2
const CLOSE = 3

/** The settings both ends build their views from (they cross to the thread in workerData). */
export interface AppendChannelLayout {
  shared: SharedArrayBuffer
  slots: number
  slotBytes: number
  /** The POSTED count the channel starts from (0; tests start near the int32 wrap). */
  postedBefore: number
}

/** POSTED, then where each slot's request is; rounded up so that the slots start 8-byte aligned. */
const controlBytes = (slots: number) => 8 * Math.ceil((4 * (1 + slots)) / 8)

/** The control cells and a Buffer over each slot. */
function views({ shared, slots, slotBytes }: AppendChannelLayout): [Int32Array, Buffer[]] {
  const slotViews = Array.from({ length: slots }, (_, i) =>
    Buffer.from(shared, controlBytes(slots) + i * slotBytes, slotBytes),
  )
  return [new Int32Array(shared, 0, 1 + slots), slotViews]
}

export class AppendChannelSender {
  readonly layout: AppendChannelLayout
  private readonly control: Int32Array
  private readonly slotViews: Buffer[]
  private nextSlot = 0

  constructor(
    slots: number,
    /** A multiple of 8. */
    private readonly slotBytes = 1 << 20,
    /** Requests already counted (tests: the counter's wrap). */
    postedBefore = 0,
  ) {
    const shared = new SharedArrayBuffer(controlBytes(slots) + slots * slotBytes)
    this.layout = { shared, slots, slotBytes, postedBefore: postedBefore | 0 }
    ;[this.control, this.slotViews] = views(this.layout)
    this.control[POSTED] = this.layout.postedBefore
  }

  /** `port`: the append thread's, for a batch too large for a slot. */
  send(items: readonly AppendInput[], port: { postMessage(value: unknown): void }): void {
    const bound = encodedBatchBound(items)
    if (bound <= this.slotBytes) this.post(IN_SLOT, (slot) => encodeBatch(items, this.slotViews[slot]!))
    else {
      const own = Buffer.from(new SharedArrayBuffer(bound))
      encodeBatch(items, own)
      port.postMessage(own.buffer) // queued before the doorbell rings
      this.post(ON_PORT)
    }
  }

  /** The thread ends once it has handled every request posted before this. */
  close(): void {
    this.post(CLOSE)
  }

  private post(where: number, fill?: (slot: number) => void): void {
    const slot = this.nextSlot
    fill?.(slot) // may throw: then nothing is posted and the slot stays next
    this.nextSlot = (slot + 1) % this.slotViews.length
    this.control[1 + slot] = where
    // Only this end writes POSTED; the store publishes the slot's bytes with it.
    Atomics.store(this.control, POSTED, (this.control[POSTED]! + 1) | 0)
    Atomics.notify(this.control, POSTED)
  }
}

export class AppendChannelReceiver {
  private readonly control: Int32Array
  private readonly slotViews: Buffer[]
  private handled: number
  private nextSlot = 0

  constructor(
    layout: AppendChannelLayout,
    private readonly port: MessagePort,
  ) {
    ;[this.control, this.slotViews] = views(layout)
    this.handled = layout.postedBefore // the sender may have posted already: a thread starts slowly
  }

  /** A request is posted that next() has not taken yet. */
  get pending(): boolean {
    return Atomics.load(this.control, POSTED) !== this.handled
  }

  /**
   * Waits for the next batch; undefined once the sender closed. Its bytes are views into shared
   * memory, valid until this thread answers it (the sender may then reuse the slot).
   */
  next(): AppendInput[] | undefined {
    while (!this.pending) Atomics.wait(this.control, POSTED, this.handled)
    this.handled = (this.handled + 1) | 0
    const slot = this.nextSlot
    this.nextSlot = (slot + 1) % this.slotViews.length
    switch (this.control[1 + slot]) {
      case IN_SLOT:
        return decodeBatch(this.slotViews[slot]!)
      case ON_PORT:
        return decodeBatch(Buffer.from(receiveMessageOnPort(this.port)!.message as SharedArrayBuffer))
      case CLOSE:
        return undefined
      default:
        throw new Error(`append channel: request ${this.handled} has no batch`)
    }
  }
}
