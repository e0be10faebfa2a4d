import { createServer, connect, type Socket } from 'node:net'

/**
 * A TCP proxy in front of a listener, to take a client offline without touching the server:
 * `cut()` drops every connection and refuses new ones (network gone), `deafen()` lets the
 * client's bytes through but drops the server's (the message is stored, the ack is lost),
 * `restore()` forwards again. Works for MQTT over TCP and over WebSocket alike.
 */
export async function startCuttableProxy(targetUrl: string) {
  const target = new URL(targetUrl)
  let mode: 'open' | 'cut' | 'deaf' = 'open'
  const pairs = new Set<[Socket, Socket]>()
  const server = createServer((client) => {
    if (mode === 'cut') return void client.destroy()
    const upstream = connect(Number(target.port), target.hostname)
    const pair: [Socket, Socket] = [client, upstream]
    pairs.add(pair)
    const drop = () => {
      client.destroy()
      upstream.destroy()
      pairs.delete(pair)
    }
    client.on('data', (d) => upstream.write(d))
    upstream.on('data', (d) => mode === 'open' && client.write(d))
    for (const s of pair) s.on('close', drop).on('error', drop)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const cut = () => {
    mode = 'cut'
    for (const [client, upstream] of pairs) {
      client.destroy()
      upstream.destroy()
    }
    pairs.clear()
  }
  return {
    /** The target URL with the proxy's host and port. */
    url: `${target.protocol}//127.0.0.1:${port}${target.pathname === '/' ? '' : target.pathname}`,
    cut,
    deafen: () => void (mode = 'deaf'),
    restore: () => void (mode = 'open'),
    close: async () => {
      cut()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
