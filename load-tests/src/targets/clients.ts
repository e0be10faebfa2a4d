import type { MqttClient } from 'mqtt'

/** Runs `task` for 0..n-1 with at most `limit` at a time (connecting hundreds of clients at once stalls both ends). */
export async function forEachLimited(
  n: number,
  limit: number,
  task: (i: number) => Promise<void>,
  progress?: (done: number) => void,
): Promise<void> {
  let next = 0
  let done = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      while (next < n) {
        await task(next++)
        if (++done % 100 === 0) progress?.(done)
      }
    }),
  )
}

/** Nagle's algorithm puts a 40 ms floor under small writes at low rates (docs: DESIGN "Measured"). */
export function noDelay(client: MqttClient): void {
  ;(client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true)
}
