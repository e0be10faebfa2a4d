import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import { Counter, Histogram, type Registry } from 'prom-client'

/** Counts and times every request by route pattern (not raw path: ids would explode the labels). */
export function httpMetrics(registry: Registry): MiddlewareHandler {
  const registers = [registry]
  const requests = new Counter({
    name: 'tidings_http_requests_total',
    help: 'REST requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers,
  })
  const seconds = new Histogram({
    name: 'tidings_http_request_seconds',
    help: 'REST request latency by route',
    labelNames: ['route'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  })
  return async (c, next) => {
    const started = performance.now()
    await next()
    const route = routePath(c)
    requests.inc({ method: c.req.method, route, status: String(c.res.status) })
    seconds.observe({ route }, (performance.now() - started) / 1000)
  }
}
