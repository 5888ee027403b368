import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../log.ts';

/** What a load balancer or Prometheus asks every few seconds: logged at debug, not at info. */
const PROBES = new Set(['/api/health', '/api/ready', '/metrics']);

/**
 * OPS-3: one line per HTTP request, after its answer: the request id (`X-Request-Id`, set by
 * `hono/request-id` before this), the method, the route's pattern (`/api/students/:id`, never the
 * path with its ids nor the query string, where codes and tokens travel), the status and the time
 * taken. Nothing of the person: no login, no address, no cookie, no body — the access log keeps who
 * did what (LOG-1), inside the store, under its own rules.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    // After `next`: the index of the handler that answered, so its pattern, not the middleware's '*'.
    const route = routePath(c);
    const level = PROBES.has(route) ? 'debug' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    const ms = Math.round((performance.now() - started) * 10) / 10;
    logger[level]({ reqId: c.get('requestId'), method: c.req.method, route, status: c.res.status, ms }, 'request');
  };
}
