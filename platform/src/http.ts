import { serve } from '@hono/node-server'

export interface HttpListener {
  url: string
  close(): Promise<void>
}

/** Serves a fetch handler (the Hono API) on host:port (0: any free port). */
export async function listenHttp(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  host: string,
): Promise<HttpListener> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch, port, hostname: host }, () => resolve(s))
  })
  return {
    url: `http://${host}:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  }
}
