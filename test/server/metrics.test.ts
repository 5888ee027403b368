import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { asDate, change, lessonId, pendingChanges, setMark, type GroupId, type SubjectId } from '../../model/index.ts';
import { metricsRoute } from '../../sync-server/http/metrics-route.ts';
import { createLogger } from '../../sync-server/log.ts';
import { ServerMetrics } from '../../sync-server/metrics.ts';
import { DEMO_FIXTURE_DAY, mathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';

const JOURNAL = 'journal/5b/2026';
const lesson = lessonId(asDate('2026-10-05'), 2, 'math' as SubjectId, 'all' as GroupId);

/** One sample's value in the Prometheus text (`name` with its suffix, no labels). */
function sample(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no ${name} in:\n${text}`);
  return Number(line.slice(name.length + 1));
}

/** What @hono/node-server passes the app for a request from `address`. */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

describe('OPS-4: Prometheus metrics', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
  });
  afterAll(() => server.dispose());

  it('OPS-4: a connection, an accepted edit, a refused update and a commit move the metrics', async () => {
    const metrics = async () => {
      const res = await fetch(`${server.origin}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return res.text();
    };
    const before = await metrics();
    // The process's own figures come with the server's.
    for (const name of ['process_cpu_seconds_total', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds'])
      expect(before).toContain(`\n${name} `);
    expect(sample(before, 'journal_ws_connections')).toBe(0);

    const student = (await mathPage(server.storage, server.today())).students[0].id;
    const a = connectClient(server, JOURNAL, await server.login('teacher'), { ext: true });
    try {
      await synced(a);
      change(a.doc, 'test', () => setMark(a.doc, lesson, student, 1, { v: 5, t: 'oral' as never, w: 1 }));
      const local = Y.decodeStateVector(Y.encodeStateVector(a.doc));
      await waitFor(() => expect(pendingChanges(local, a.acks.at(-1) ?? new Map())).toBe(0));
      // A map the journal does not have: the update is refused whole (PROTO-4).
      a.doc.getMap('nonsense').set('x', 1);
      await waitFor(() => expect(a.rejects.length).toBeGreaterThan(0));

      const after = await metrics();
      expect(sample(after, 'journal_ws_connections')).toBeGreaterThanOrEqual(1);
      expect(sample(after, 'journal_documents_loaded')).toBeGreaterThanOrEqual(2);
      expect(sample(after, 'journal_updates_total')).toBeGreaterThanOrEqual(1);
      expect(sample(after, 'journal_rejects_total')).toBeGreaterThanOrEqual(1);
      expect(sample(after, 'journal_commit_seconds_count')).toBeGreaterThanOrEqual(1);
      expect(sample(after, 'journal_commit_seconds_sum')).toBeGreaterThan(0);
    } finally {
      a.destroy();
    }
    await waitFor(async () => expect(sample(await metrics(), 'journal_ws_connections')).toBe(0));
  });

  it('OPS-4: a request from another machine without the token is refused, one through a proxy on this machine too', async () => {
    expect((await server.app.request('/metrics', {}, from('10.0.0.5'))).status).toBe(403);
    expect((await server.app.request('/metrics', {}, from('127.0.0.1'))).status).toBe(200);
    expect((await server.app.request('/metrics', {}, from('::1'))).status).toBe(200);
    const proxied = await server.app.request('/metrics', { headers: { 'x-forwarded-for': '203.0.113.9' } }, from('127.0.0.1'));
    expect(proxied.status).toBe(403);
    // No token configured: a Bearer header opens nothing.
    expect((await server.app.request('/metrics', { headers: { authorization: 'Bearer ' } }, from('10.0.0.5'))).status).toBe(403);
  });

  it('OPS-4: with METRICS_TOKEN, the right Bearer token is let in from anywhere, a wrong one is not', async () => {
    const app = metricsRoute(new ServerMetrics(createLogger({ level: 'silent' })), 's3cret-token');
    const get = (address: string, authorization?: string) =>
      app.request('/metrics', { headers: authorization ? { authorization } : {} }, from(address));
    expect((await get('10.0.0.5', 'Bearer s3cret-token')).status).toBe(200);
    expect((await get('10.0.0.5', 'bearer s3cret-token')).status).toBe(200);
    expect((await get('10.0.0.5', 'Bearer s3cret-tokeN')).status).toBe(403);
    expect((await get('10.0.0.5', 's3cret-token')).status).toBe(403);
    expect((await get('10.0.0.5')).status).toBe(403);
    expect((await get('127.0.0.1')).status).toBe(200);
    const body = await (await get('10.0.0.5', 'Bearer s3cret-token')).text();
    expect(body).toContain('# TYPE journal_commit_seconds histogram');
  });
});
