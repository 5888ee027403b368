import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { change, pendingChanges, setLessonField } from '../../model/index.ts';
import {
  REFUSED_DAY_MAX_ROWS,
  REFUSED_NOT_WHOLE_TEXT,
  REFUSED_PAGE_MAX_BYTES,
  REFUSED_PAGE_ROWS,
  REFUSED_PREVIEW_CHARS,
} from '../../sync-server/limits.ts';
import type { RefusedChange } from '../../sync-server/storage/port.ts';
import { DEMO_FIXTURE_DAY, mathPage, type MathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';
const MB = 1024 * 1024;

/**
 * STORE-18, STORE-19 through the real server: refused changes of any size and number cost the
 * store a bounded amount per author and day, and the deputy's list comes in bounded pages.
 */
describe('refused changes within bounds', () => {
  let server: TestServer;
  let page: MathPage;
  let deputy = '';
  const clients: TestClient[] = [];
  const open = async (login: string) => {
    const c = connectClient(server, J5B, await server.login(login), { ext: true });
    clients.push(c);
    await synced(c);
    return c;
  };
  const get = async (query: string, cookie = deputy) => {
    const res = await fetch(`${server.origin}/api/refused?${query}`, { headers: { cookie } });
    const text = await res.text();
    return {
      status: res.status,
      bytes: Buffer.byteLength(text),
      ...(JSON.parse(text) as { refused: RefusedChange[]; next: string | null }),
    };
  };
  const resolve = (id: string, action: 'apply' | 'dismiss') =>
    fetch(`${server.origin}/api/refused/${encodeURIComponent(id)}/${action}`, {
      method: 'POST',
      headers: { cookie: deputy, origin: server.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Проверено заместителем' }),
    });

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    page = await mathPage(server.storage, server.today());
    deputy = await server.login('deputy');
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.dispose();
  });

  it('STORE-18: twenty refused 1.9 MB topics are kept as previews with a marker, and cannot be applied', async () => {
    const teacher = await open('teacher');
    // Should the wait fail, its message says what came instead: other reasons, or the socket closed (and with what).
    const closes: number[] = [];
    teacher.provider.on('connection-close', (e: CloseEvent | null) => closes.push(e?.code ?? 0));
    const huge = 'а'.repeat(Math.round(0.95 * MB));
    for (let i = 0; i < 20; i++)
      change(teacher.doc, 't', () => setLessonField(teacher.doc, page.teacherLessons[i], 'topic', `${i}${huge}`));
    await waitFor(() => {
      const reasons: Record<string, number> = {};
      for (const r of teacher.rejects) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
      expect({ reasons, closes }).toEqual({ reasons: { 'invalid-value': 20 }, closes: [] });
    }, 30_000);
    const rows = await waitFor(async () => {
      const stored = await server.storage.listRefused({ userId: 'u-teacher' });
      expect(stored.length).toBe(20);
      return stored;
    });
    for (const r of rows) {
      expect(r.stored).toBe('truncated');
      expect(r.value as string).toMatch(/… \[не сохранено полностью: 1,9 МБ\]$/);
      expect((r.value as string).length).toBeLessThan(REFUSED_PREVIEW_CHARS + 60);
      // The refused table holds only the preview, whatever the deputy reads it by.
      expect(((await server.storage.findRefused(r.id))!.value as string).length).toBeLessThan(REFUSED_PREVIEW_CHARS + 60);
    }
    const apply = await resolve(rows[0].id, 'apply');
    expect(apply.status).toBe(409);
    expect(await apply.json()).toEqual({ error: REFUSED_NOT_WHOLE_TEXT });
    expect((await resolve(rows[0].id, 'dismiss')).status).toBe(200);
  });

  it("STORE-18: beyond an author's quota of the day one summary row counts the rest", async () => {
    const substitute = await open('substitute');
    const flood = REFUSED_DAY_MAX_ROWS + 100;
    change(substitute.doc, 't', () => {
      for (let i = 0; i < flood; i++) substitute.doc.getMap('meta').set(`x${i}`, i);
    });
    await waitFor(() => expect(substitute.rejects.length).toBe(flood), 30_000);
    const summary = await waitFor(async () => {
      const [row] = (await server.storage.listRefused({ userId: 'u-substitute', limit: 500 })).filter((r) => r.stored === 'summary');
      expect(row?.omitted?.count).toBe(100);
      return row;
    });
    expect(summary.detail).toMatch(/^ещё 100 отклонённых изменений, \d+ КБ, не сохранены полностью/);
    expect(summary.reason).toBe('forbidden');
    expect(summary.path).toMatch(/^meta\/x\d+$/);
    // Only the quota's rows and the summary are kept.
    const kept = (await server.storage.listRefused({ userId: 'u-substitute' })).length;
    expect(kept).toBe(REFUSED_DAY_MAX_ROWS + 1);
    expect((await resolve(summary.id, 'apply')).status).toBe(409);
  });

  it('STORE-19: the deputy reads the list in pages no larger than the bound; following them gives every row once', async () => {
    const first = await get('state=open');
    expect(first.status).toBe(200);
    expect(first.refused.length).toBe(REFUSED_PAGE_ROWS);
    expect(first.next).toBe(first.refused.at(-1)!.id);
    const seen = new Set<string>();
    let pages = 0;
    for (let after: string | null = ''; after !== null; pages++) {
      const p = await get(`state=open&limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      expect(p.bytes).toBeLessThanOrEqual(REFUSED_PAGE_MAX_BYTES);
      for (const r of p.refused) seen.add(r.id);
      after = p.next;
    }
    expect(pages).toBeGreaterThan(2);
    // 19 open previews of the teacher, the substitute's quota and summary.
    expect(seen.size).toBe(19 + REFUSED_DAY_MAX_ROWS + 1);
    expect((await get('state=open&limit=0')).status).toBe(400);
    // A teacher still reads only their own.
    const own = await get('state=open&limit=500', await server.login('teacher'));
    expect(own.refused.length).toBe(19);
  });

  it('STORE-18: the server still takes an honest change from the author over the quota', async () => {
    const [teacher, substitute] = clients;
    const lesson = page.substituteLessons[0];
    change(substitute.doc, 't', () => setLessonField(substitute.doc, lesson, 'topic', 'Сложение дробей'));
    const local = Y.decodeStateVector(Y.encodeStateVector(substitute.doc));
    await waitFor(() => expect(pendingChanges(local, substitute.acks.at(-1)!)).toBe(0));
    await waitFor(() => expect(teacher.doc.getMap('lessons').get(`${lesson}:topic`)).toBe('Сложение дробей'));
    expect(substitute.rejects.length).toBe(REFUSED_DAY_MAX_ROWS + 100);
  });
});
