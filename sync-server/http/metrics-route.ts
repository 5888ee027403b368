import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { ServerMetrics } from '../metrics.ts';
import { isLocalRequest } from '../setup/setup-app.ts';

/**
 * OPS-4: may this request read `/metrics`? With `METRICS_TOKEN` set, a request that sends it as
 * `Authorization: Bearer …` may, from anywhere. Otherwise only the server's own machine: a
 * loopback peer that no proxy says it forwards for someone else (SETUP-37's test; behind a reverse
 * proxy on the same machine every request is loopback). The figures name no person, but they tell
 * an outsider how busy the school is and when, and a scrape costs the server work.
 */
export function metricsAllowed(c: Context, token: string | null): boolean {
  if (token) {
    const sent = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (sent !== undefined && sameSecret(sent, token)) return true;
  }
  return isLocalRequest(c);
}

/** Compares digests in constant time, so the answer's timing tells nothing of the token. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** `GET /metrics`: the Prometheus text format of the server's metrics (sync-server/metrics.ts). */
export function metricsRoute(metrics: ServerMetrics, token: string | null) {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    if (!metricsAllowed(c, token)) return c.json({ error: 'Метрики доступны только с этого компьютера или с токеном METRICS_TOKEN' }, 403);
    return c.body(await metrics.text(), 200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
  });
  return app;
}
