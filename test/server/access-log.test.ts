import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStudents } from '../../model/index.ts';
import type { AccessLogEntry } from '../../sync-server/storage/port.ts';
import { loadStoredDoc } from '../helpers/demo-facts.ts';
import { csvFile, postImport } from '../helpers/import-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';

const UA = 'AccessLogTest/1.0 (X11; school)';
const DAY = 24 * 3_600_000;
/** A password no demo account has, to be looked for everywhere it must not be. */
const WRONG_PASSWORD = 'Zebra-Wrong-Pass-7731';

/** Every kind of event produces its entry: who, what, when and from where (LOG-1…LOG-4). */
describe('the access log: what is recorded', () => {
  let server: TestServer;
  let admin = '';
  const request = async (method: string, path: string, opts: { cookie?: string; body?: unknown; address?: string } = {}) => {
    const res = await server.app.request(
      path,
      {
        method,
        headers: {
          'content-type': 'application/json',
          origin: 'http://localhost',
          'user-agent': UA,
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
        },
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      },
      { incoming: { socket: { remoteAddress: opts.address ?? '10.0.0.7' } } },
    );
    await res.arrayBuffer();
    return res;
  };
  const signIn = async (login: string, password = 'demo', address?: string) => {
    const res = await request('POST', '/api/auth/login', { body: { login, password }, address });
    return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] };
  };
  const entries = () => server.storage.listAccessLog({ limit: 10_000 });
  /** The newest entry of a kind, which must exist. */
  const newest = async (kind: string): Promise<AccessLogEntry> => {
    const found = (await entries()).find((e) => e.kind === kind);
    if (!found) throw new Error(`no ${kind} entry`);
    return found;
  };

  beforeAll(async () => {
    // No sweep during the test: the expired session is found by the request, not by the housekeeping.
    server = await startTestServer({ sessionSweepMs: 3_600_000 });
    admin = (await signIn('admin')).cookie;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('LOG-1, LOG-3: a sign-in: who (id and login), what, when by the server’s clock, from where (address, user agent)', async () => {
    const before = server.clock.now();
    expect((await signIn('teacher', 'demo', '10.1.2.3')).status).toBe(200);
    const e = await newest('sign-in');
    expect(e).toMatchObject({ userId: 'u-teacher', login: 'teacher', object: 'пароль', address: '10.1.2.3', userAgent: UA });
    expect(e.at).toBeGreaterThanOrEqual(before);
    expect(e.at).toBeLessThanOrEqual(server.clock.now());
  });

  it('LOG-2: a failed sign-in records the login tried and why, never the password — in no row and nowhere in the store’s files', async () => {
    expect((await signIn('Teacher', WRONG_PASSWORD, '10.9.9.9')).status).toBe(401);
    expect(await newest('sign-in-failed')).toMatchObject({
      userId: 'u-teacher',
      login: 'teacher',
      object: 'неверный пароль',
      address: '10.9.9.9',
    });
    expect((await signIn('nobody-here', WRONG_PASSWORD)).status).toBe(401);
    expect(await newest('sign-in-failed')).toMatchObject({ userId: null, login: 'nobody-here', object: 'нет такого логина' });
    expect(JSON.stringify(await entries())).not.toContain(WRONG_PASSWORD);
    // The database and its write-ahead log, byte by byte: the password is nowhere on disk.
    for (const file of ['journal.sqlite', 'journal.sqlite-wal']) {
      const path = join(server.dataDir, file);
      if (existsSync(path)) expect(readFileSync(path).includes(Buffer.from(WRONG_PASSWORD))).toBe(false);
    }
  });

  it('LOG-2: no session token or cookie reaches the log', async () => {
    const { cookie } = await signIn('deputy');
    await request('GET', '/api/students/personal?class=5b', { cookie });
    const token = cookie.split('=')[1];
    expect(token.length).toBeGreaterThan(20);
    expect(JSON.stringify(await entries())).not.toContain(token);
  });

  it('LOG-1: sign-out and sign-out everywhere', async () => {
    const { cookie } = await signIn('english1');
    expect((await request('POST', '/api/auth/logout', { cookie })).status).toBe(200);
    expect(await newest('sign-out')).toMatchObject({ userId: 'u-english1', login: 'english1', userAgent: UA });
    const other = await signIn('english2');
    expect((await request('POST', '/api/auth/logout-all', { cookie: other.cookie })).status).toBe(200);
    expect(await newest('sign-out-all')).toMatchObject({ userId: 'u-english2' });
  });

  it('LOG-1: opening a journal or the school year is a sync socket accepted; a refused one is no entry', async () => {
    const cookie = await server.login('teacher');
    const journal = connectClient(server, 'journal/5b/2026', cookie);
    const year = connectClient(server, 'school/demo/2026', cookie);
    await Promise.all([synced(journal), synced(year)]);
    journal.destroy();
    year.destroy();
    expect(await newest('journal-open')).toMatchObject({ userId: 'u-teacher', object: 'journal/5b/2026', address: '127.0.0.1' });
    expect(await newest('school-year-open')).toMatchObject({ userId: 'u-teacher', object: 'school/demo/2026' });
    const count = (await entries()).length;
    // The primary teacher may not open 5Б: the upgrade is refused before a socket exists.
    const res = await request('GET', '/sync/journal/5b/2026', { cookie: (await signIn('primary')).cookie });
    expect(res.status).toBe(403);
    expect((await entries()).length).toBe(count + 1); // only primary's sign-in
  });

  it('LOG-1: a student’s personal data read and changed, and a diary opened', async () => {
    const classTeacher = (await signIn('classteacher')).cookie;
    expect((await request('GET', '/api/students/personal?class=5b', { cookie: classTeacher })).status).toBe(200);
    expect(await newest('personal-data-read')).toMatchObject({ login: 'classteacher', object: 'students class=5b' });
    const [student] = listStudents(await loadStoredDoc(server.storage, 'journal/5b/2026'));
    const body = { classId: '5b', studentId: student.id, birthDate: '2015-03-08', parents: [] };
    expect((await request('POST', '/api/students/personal', { cookie: classTeacher, body })).status).toBe(200);
    expect((await newest('personal-data-change')).object).toBe(`student class=5b student=${student.id}`);
    const diary = `/api/reports/diary?class=5b&student=${student.id}`;
    expect((await request('GET', diary, { cookie: classTeacher })).status).toBe(200);
    expect((await newest('diary-open')).object).toBe(`diary class=5b student=${student.id}`);
  });

  it('LOG-1: every report file, print, export and import; a report on screen or a dry run is no entry', async () => {
    const deputy = (await signIn('deputy')).cookie;
    const count = async (kind: string) => (await entries()).filter((e) => e.kind === kind).length;
    expect((await request('GET', '/api/reports/finals-sheet?class=5b', { cookie: deputy })).status).toBe(200);
    expect(await count('report-download')).toBe(0);
    expect((await request('GET', '/api/reports/diary?class=5b&format=csv', { cookie: deputy })).status).toBe(400);
    expect(await count('diary-open')).toBe(1); // a refused request (no student) opened nothing
    expect((await request('GET', '/api/reports/finals-sheet?class=5b&format=csv', { cookie: deputy })).status).toBe(200);
    expect((await newest('report-download')).object).toBe('finals-sheet class=5b format=csv');
    expect((await request('GET', '/api/print/finals?class=5b', { cookie: deputy })).status).toBe(200);
    expect(await newest('print')).toMatchObject({ login: 'deputy', object: 'finals class=5b' });
    expect((await request('GET', '/api/export/students?format=csv', { cookie: deputy })).status).toBe(200);
    expect((await newest('export')).object).toBe('students format=csv');
    const load = csvFile([
      ['Класс', 'Предмет', 'Группа', 'Учитель'],
      ['5Б', 'Математика', '', 'Смирнова Ольга Петровна'],
    ]);
    expect((await postImport(server, deputy, 'load', load, { dryRun: true })).status).toBe(200);
    expect(await count('import')).toBe(0);
    expect((await postImport(server, deputy, 'load', load, { name: 'нагрузка.csv' })).applied).toBe(true);
    expect(await newest('import')).toMatchObject({ login: 'deputy', object: 'load file=нагрузка.csv' });
  });

  it('LOG-1: backups made and downloaded, and the archive exported', async () => {
    const made = await server.app.request(
      '/api/admin/backups',
      { method: 'POST', headers: { cookie: admin, origin: 'http://localhost' } },
      { incoming: { socket: { remoteAddress: '10.0.0.7' } } },
    );
    const { backup } = (await made.json()) as { backup: { name: string } };
    expect(await newest('backup-create')).toMatchObject({ login: 'admin', object: backup.name });
    expect((await request('GET', `/api/admin/backups/${backup.name}`, { cookie: admin })).status).toBe(200);
    expect((await newest('backup-download')).object).toBe(backup.name);
    expect((await request('GET', '/api/admin/export?class=5b', { cookie: admin })).status).toBe(200);
    expect((await newest('archive-export')).object).toBe('archive class=5b');
  });

  it('LOG-1: the next school year prepared (YEAR-16)', async () => {
    const deputy = (await signIn('deputy')).cookie;
    expect((await request('POST', '/api/year/next', { cookie: deputy })).status).toBe(200);
    expect(await newest('year-prepare')).toMatchObject({ login: 'deputy', object: 'school/demo/2027' });
  });

  it('LOG-1: role changes, an account disabled and enabled, a staff member added with roles', async () => {
    expect((await request('POST', '/api/admin/users/u-history', { cookie: admin, body: { roles: ['teacher', 'deputy'] } })).status).toBe(
      200,
    );
    expect(await newest('role-change')).toMatchObject({ login: 'admin', object: 'history: учитель → учитель, заместитель директора' });
    // The same roles again change nothing and are no entry.
    const changes = (await entries()).filter((e) => e.kind === 'role-change').length;
    await request('POST', '/api/admin/users/u-history', { cookie: admin, body: { roles: ['deputy', 'teacher'] } });
    expect((await entries()).filter((e) => e.kind === 'role-change').length).toBe(changes);
    await request('POST', '/api/admin/users/u-history', { cookie: admin, body: { disabled: true } });
    expect((await newest('account-disabled')).object).toBe('history');
    await request('POST', '/api/admin/users/u-history', { cookie: admin, body: { disabled: false, roles: ['teacher'] } });
    expect((await newest('account-enabled')).object).toBe('history');
    const added = await request('POST', '/api/staff', { cookie: admin, body: { name: 'Тестов Тест Тестович', roles: ['teacher'] } });
    expect(added.status).toBe(200);
    expect((await newest('staff-add')).object).toMatch(/: teacher$/);
  });

  it('LOG-1: session expiry noticed on a request: who, why and from where', async () => {
    const { cookie } = await signIn('biology');
    server.clock.moveTo(server.clock.now() + 8 * DAY);
    expect((await request('GET', '/api/me', { cookie, address: '10.4.4.4' })).status).toBe(401);
    expect(await newest('session-expired')).toMatchObject({
      userId: 'u-biology',
      login: 'biology',
      object: '7 дней без работы',
      address: '10.4.4.4',
      userAgent: UA,
    });
  });

  it('LOG-1: a family opening its diary, a conversation or a board over sync is an entry of that kind', async () => {
    const cookie = await server.login('parent');
    const me = (await (await fetch(`${server.origin}/api/me`, { headers: { cookie } })).json()) as { documents: Array<{ name: string }> };
    const diary = me.documents[0].name;
    const list = (await (await fetch(`${server.origin}/api/conversations`, { headers: { cookie } })).json()) as {
      conversations: Array<{ docName: string }>;
    };
    const conv = list.conversations[0].docName;
    const boards = (await (await fetch(`${server.origin}/api/boards`, { headers: { cookie } })).json()) as {
      boards: Array<{ name: string }>;
    };
    const board = boards.boards[0].name;
    const clients = [diary, conv, board].map((name) => connectClient(server, name, cookie));
    await Promise.all(clients.map(synced));
    for (const c of clients) c.destroy();
    expect(await newest('diary-open')).toMatchObject({ userId: 'u-parent', object: diary });
    expect(await newest('conversation-open')).toMatchObject({ userId: 'u-parent', object: conv });
    expect(await newest('board-open')).toMatchObject({ userId: 'u-parent', object: board });
  });
});
