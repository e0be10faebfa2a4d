import type { Logger } from 'pino'

interface Closable {
  close(): Promise<void>
}

/**
 * Starts a service and closes it cleanly on SIGINT/SIGTERM (exit 0, or 1 if closing fails or
 * takes over 10 s). The handlers go in before the service starts: until process.on() runs, a
 * SIGTERM would kill the process outright.
 */
export async function runUntilSignal<S extends Closable>(log: Logger, start: () => Promise<S>): Promise<S> {
  const running: { service?: S } = {}
  let stopping = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return
      stopping = true
      log.info({ signal }, 'shutting down')
      const force = setTimeout(() => process.exit(1), 10_000).unref()
      Promise.resolve(running.service?.close()).then(
        () => {
          clearTimeout(force)
          log.info('stopped')
          process.exit(0)
        },
        (err: unknown) => {
          log.error({ err }, 'shutdown failed')
          process.exit(1)
        },
      )
    })
  }
  const service = await start()
  running.service = service
  if (stopping) await service.close() // a signal arrived while starting
  return service
}
