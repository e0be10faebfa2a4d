import { it } from 'vitest'
import type { ChatStore } from '../store/chat-store.ts'
import type { MessageStore } from '../store/message-store.ts'

/** A store under test; `messages` and `chats` may be the same object. */
export interface StoresUnderTest {
  messages: MessageStore
  chats: ChatStore
  close(): Promise<void>
}

export interface Skip {
  reason: string
  tests: string[]
}

export interface StoreContractOptions {
  name: string
  /** A fresh, empty store. */
  create(): Promise<StoresUnderTest>
  /** Close and open the same data again (simulates a process restart). */
  reopen?(stores: StoresUnderTest): Promise<StoresUnderTest>
  /** Make the implementation forget any sequence state kept outside the log (e.g. Redis FLUSHALL). */
  loseSequenceState?(stores: StoresUnderTest): Promise<void>
  skip?: Skip[]
}

/** vitest's `it`, or `it.skip` with the reason printed for a test the implementation skips. */
export function contractTest(options: { name: string; skip?: Skip[] }) {
  return (title: string, fn: () => Promise<void>) => {
    const skip = options.skip?.find((s) => s.tests.includes(title))
    if (!skip) return it(title, fn)
    console.info(`[${options.name}] skipped "${title}": ${skip.reason}`)
    return it.skip(title, fn)
  }
}
