import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_LOG_KEEP_DAYS } from '../../sync-server/access-log/access-log.ts';
import type { AccessLogEntry } from '../../sync-server/storage/port.ts';
import { api } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 1 October 2026, 00:00 in Moscow (the demo school's zone, UTC+3). */
const OCT_1 = Date.parse('2026-09-30T21:00:00Z');

/** The administrator's view of the access log (LOG-5, LOG-6), its retention (LOG-7) and its storage (LOG-4). */
describe('the access log: the administrator’s page, the CSV and the retention', () => {
  let server: TestServer;
  const http = api(() => server);
  let admin = '';
  const list = async (query: string, cookie = admin) => {
    const res = await http.get(`/api/admin/access-log${query}`, cookie);
    expect(res.status).toBe(200);
    return res.json as unknown as { entries: AccessLogEntry[]; next: number | null };
  };
  const csvOf = async (query: string, cookie = admin) => {
    const res = await server.app.request(`/api/admin/access-log.csv${query}`, { headers: { cookie } });
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
  };

  beforeAll(async () => {
    server = await startTestServer({ sessionSweepMs: 50 });
    admin = await http.login('admin');
    // 250 synthetic entries, one every hour from 1 October: three people, two kinds.
    for (let i = 0; i < 250; i++) {
      await server.storage.appendAccessLog({
        at: OCT_1 + i * HOUR,
        kind: i % 5 === 0 ? 'print' : 'journal-open',
        userId: `u-${['teacher', 'deputy', 'director'][i % 3]}`,
        login: ['teacher', 'deputy', 'director'][i % 3],
        object: `synthetic ${i}`,
        address: '10.0.0.1',
        userAgent: 'Synthetic',
      });
    }
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('LOG-5: only the administrator reads the log and its CSV: 401 without a session, 403 for anyone else', async () => {
    for (const path of ['/api/admin/access-log', '/api/admin/access-log.csv']) {
      expect((await server.app.request(path)).status).toBe(401);
      for (const login of ['deputy', 'director', 'teacher']) {
        expect((await server.app.request(path, { headers: { cookie: await http.login(login) } })).status).toBe(403);
      }
    }
  });

  it('LOG-5: pages of 100, newest first, each `next` continuing below the last; the last page has no next', async () => {
    const synthetic = '?from=2026-10-01&to=2026-10-11';
    const first = await list(synthetic);
    expect(first.entries.map((e) => e.object).slice(0, 2)).toEqual(['synthetic 249', 'synthetic 248']);
    expect(first.entries).toHaveLength(100);
    const second = await list(`${synthetic}&after=${first.next}`);
    expect(second.entries[0].object).toBe('synthetic 149');
    const third = await list(`${synthetic}&after=${second.next}`);
    expect(third.entries.map((e) => e.object).at(-1)).toBe('synthetic 0');
    expect(third.entries).toHaveLength(50);
    expect(third.next).toBeNull();
    expect((await list(`${synthetic}&limit=10`)).entries).toHaveLength(10);
    expect((await list(`${synthetic}&limit=100000`)).entries).toHaveLength(250);
  });

  it('LOG-5: filters by person (id or login), kind and school dates, all together', async () => {
    const byUser = await list('?user=u-deputy&limit=500');
    expect(byUser.entries.length).toBeGreaterThan(80);
    expect(byUser.entries.every((e) => e.userId === 'u-deputy')).toBe(true);
    expect((await list('?user=deputy&limit=500')).entries.length).toBe(byUser.entries.length);
    const prints = await list('?kind=print&from=2026-10-01&to=2026-10-31&limit=500');
    expect(prints.entries).toHaveLength(50);
    expect(prints.entries.every((e) => e.kind === 'print')).toBe(true);
    // «по 1 октября» ends at midnight in Moscow: the 24 entries of 00:00…23:00 that day.
    const day = await list('?from=2026-10-01&to=2026-10-01');
    expect(day.entries.map((e) => e.object)).toEqual(Array.from({ length: 24 }, (_, i) => `synthetic ${23 - i}`));
    const both = await list('?user=u-teacher&kind=print&from=2026-10-01&to=2026-10-01');
    expect(both.entries.map((e) => e.object)).toEqual(['synthetic 15', 'synthetic 0']);
    for (const bad of ['?kind=nonsense', '?from=01.10.2026', '?to=2026-13-01', '?after=x']) {
      expect((await http.get(`/api/admin/access-log${bad}`, admin)).status).toBe(400);
    }
  });

  it('LOG-6: the CSV — Russian headers and kinds, school time, the same filters; a login written like a formula stays text', async () => {
    // A failed sign-in's login is whatever was typed: a formula for whoever opens the CSV in Excel.
    expect((await http.post('/api/auth/login', { login: '=HYPERLINK("http://x")', password: 'wrong-password' })).status).toBe(401);
    const all = await csvOf('?kind=sign-in-failed');
    expect(all.status).toBe(200);
    expect(all.type).toContain('text/csv');
    const lines = all.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Время;Событие;Логин;Пользователь (id);Объект;Адрес;Браузер');
    expect(lines[1]).toMatch(
      /^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d;Неудачный вход;"'=hyperlink\(""http:\/\/x""\)";;нет такого логина;10\.0\.0\.1;/,
    );
    expect(all.text).not.toContain('wrong-password');
    const day = await csvOf('?from=2026-10-01&to=2026-10-01&user=u-teacher&kind=print');
    expect(
      day.text
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .slice(1, 3),
    ).toEqual([
      '01.10.2026 15:00:00;Печать;teacher;u-teacher;synthetic 15;10.0.0.1;Synthetic',
      '01.10.2026 00:00:00;Печать;teacher;u-teacher;synthetic 0;10.0.0.1;Synthetic',
    ]);
    // Taking the log away is itself an export in the log.
    expect((await list('?kind=export')).entries[0]).toMatchObject({
      login: 'admin',
      object: 'access-log user=u-teacher kind=print from=2026-10-01 to=2026-10-01',
    });
  });

  it('LOG-4: the table is append-only in the store itself: an UPDATE is refused', () => {
    const db = new Database(join(server.dataDir, 'journal.sqlite'));
    try {
      expect(() => db.prepare("UPDATE access_log SET login = 'someone-else'").run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('LOG-1: a session that expires under an open socket is logged by the sweep that closes it (no address: no request)', async () => {
    const client = connectClient(server, 'journal/10a/2026', await server.login('russian'));
    await synced(client);
    server.clock.moveTo(server.clock.now() + 8 * DAY);
    const swept = await waitFor(async () => {
      const e = (await server.storage.listAccessLog({ kind: 'session-expired', user: 'russian', limit: 1 }))[0];
      if (!e) throw new Error('not swept yet');
      return e;
    });
    expect(swept).toMatchObject({ userId: 'u-russian', address: '', object: '7 дней без работы' });
    client.destroy();
  });

  it('LOG-7: entries older than ACCESS_LOG_KEEP_DAYS are removed on the first write of a day, at most once a day', async () => {
    expect(ACCESS_LOG_KEEP_DAYS).toBe(1826);
    const KEEP = ACCESS_LOG_KEEP_DAYS * DAY;
    const has = async (login: string) => (await server.storage.listAccessLog({ user: login, kind: 'sign-in', limit: 1 })).length > 0;
    // A day after the last prune, so that the next write prunes.
    server.clock.moveTo(server.clock.now() + DAY + HOUR);
    const t0 = server.clock.now();
    await http.login('teacher'); // prunes (its own entry is new), entry a
    server.clock.moveTo(t0 + 12 * HOUR);
    await http.login('deputy'); // entry b
    server.clock.moveTo(t0 + KEEP + HOUR);
    await http.login('director'); // a day after the last prune: a is past the keep, removed; b not yet
    expect(await has('teacher')).toBe(false);
    expect(await has('deputy')).toBe(true);
    server.clock.moveTo(t0 + KEEP + 13 * HOUR);
    await http.login('history'); // b is past the keep now, but the day's prune has run
    expect(await has('deputy')).toBe(true);
    server.clock.moveTo(t0 + KEEP + DAY + 2 * HOUR);
    await http.login('biology');
    expect(await has('deputy')).toBe(false);
    expect(await has('director')).toBe(true);
  });
});
