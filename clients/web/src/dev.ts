// `npm run dev -w @tidings/web`: builds the page and serves it next to a running `npm start`.
import { join } from 'node:path'
import { buildWebClient } from './build.ts'
import { serveWebClient } from './serve.ts'

const dir = await buildWebClient(join(import.meta.dirname, '..', 'dist'))
const server = await serveWebClient({
  dir,
  apiUrl: process.env.TIDINGS_API_URL ?? 'http://127.0.0.1:8080',
  port: Number(process.env.TIDINGS_WEB_PORT ?? 5173),
  host: process.env.TIDINGS_HOST ?? '127.0.0.1',
})
console.log(`web client at ${server.url}/?user=alice (MQTT over WebSocket on port 8083 of the same host)`)
