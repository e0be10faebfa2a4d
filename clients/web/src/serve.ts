import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
}

export interface WebServer {
  url: string
  close(): Promise<void>
}

/**
 * Serves a built web client from `dir`, and forwards /v1/* to the REST API so the page calls it
 * from its own origin (the API sends no CORS headers). For development and tests, not production.
 */
export async function serveWebClient(options: {
  dir: string
  apiUrl: string
  port: number
  host: string
}): Promise<WebServer> {
  const server = createServer((req, res) => {
    const handle = req.url?.startsWith('/v1/')
      ? forward(req, res, options.apiUrl)
      : file(req, res, options.dir)
    handle.catch((err: Error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(`web server: ${err.message}\n`)
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function file(req: IncomingMessage, res: ServerResponse, dir: string): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://x').pathname
  const relative = normalize(path === '/' ? 'index.html' : decodeURIComponent(path.slice(1)))
  if (relative.startsWith('..') || relative.includes(`${sep}..`)) return void res.writeHead(403).end()
  const body = await readFile(join(dir, relative)).catch(() => undefined)
  if (!body) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
  res.writeHead(200, { 'content-type': TYPES[extname(relative)] ?? 'application/octet-stream' }).end(body)
}

async function forward(req: IncomingMessage, res: ServerResponse, apiUrl: string): Promise<void> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const headers: Record<string, string> = {}
  for (const name of ['authorization', 'content-type'])
    if (typeof req.headers[name] === 'string') headers[name] = req.headers[name]
  const answer = await fetch(new URL(req.url!, apiUrl), {
    method: req.method ?? 'GET',
    headers,
    ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
  })
  res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' })
  res.end(Buffer.from(await answer.arrayBuffer()))
}
