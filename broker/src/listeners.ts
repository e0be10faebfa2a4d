import { createServer, type Server } from 'node:net'
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import { WebSocketServer, createWebSocketStream } from 'ws'
import type { Broker } from './app.ts'

export interface Listening {
  port: number
  close(): Promise<void>
}

const closeServer = (server: Server | HttpServer) =>
  new Promise<void>((resolve) => server.close(() => resolve()))

/** MQTT over TCP. Nagle is off: it puts a 40 ms floor under latency on streams of small packets. */
export async function listenTcp(broker: Broker, port: number, host: string): Promise<Listening> {
  const server = createServer({ noDelay: true }, (socket) => broker.handle(socket))
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve))
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      const closed = closeServer(server)
      await broker.close() // ends the broker's connections, so the server can close
      await closed
    },
  }
}

/** MQTT over WebSocket at `path` (default /mqtt), subprotocol "mqtt". */
export async function listenWebSocket(
  broker: Broker,
  port: number,
  host: string,
  path = '/mqtt',
): Promise<Listening> {
  const http = createHttpServer((_req, res) =>
    res.writeHead(426, { 'content-type': 'text/plain' }).end('MQTT over WebSocket only\n'),
  )
  const wss = new WebSocketServer({ server: http, path, perMessageDeflate: false })
  wss.on('connection', (ws, req) => {
    ;(req.socket as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true)
    const stream = createWebSocketStream(ws)
    stream.on('error', () => ws.terminate())
    broker.handle(stream, req)
  })
  await new Promise<void>((resolve, reject) => http.once('error', reject).listen(port, host, resolve))
  return {
    port: (http.address() as { port: number }).port,
    close: async () => {
      for (const ws of wss.clients) ws.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await closeServer(http)
    },
  }
}
