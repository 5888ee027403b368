import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { periods, readSchoolMeta } from '../../model/index.ts';
import { DEMO_LOGINS } from '../../sync-server/demo/demo-school.ts';
import { createSetupApp } from '../../sync-server/setup/setup-app.ts';
import { SETUP_CODE_TRIES, SetupCode } from '../../sync-server/setup/setup-code.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import type { Storage } from '../../sync-server/storage/port.ts';
import { newSchoolBody, startSetupScene, type SetupScene } from '../helpers/setup-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

const ORIGIN = 'http://school.example';
/** What @hono/node-server passes as the env: the socket's peer address is what SETUP-37 reads. */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

/** The setup app alone, on a fresh store, through `app.request` (no sockets). */
function setupApp() {
  const dir = mkdtempSync(join(tmpdir(), 'journal-setup-app-'));
  const storage = openSqliteStorage(join(dir, 'journal.sqlite'));
  const codes: string[] = [];
  const created: string[] = [];
  const code = new SetupCode((c) => codes.push(c));
  const app = createSetupApp({ storage, code, allowedOrigins: [], now: Date.now, onCreated: (r) => created.push(r.docName) });
  const post = (body: unknown, env: object, headers: Record<string, string> = {}) =>
    app.request(
      `${ORIGIN}/api/setup`,
      { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) },
      env,
    );
  return {
    app,
    storage,
    codes,
    created,
    post,
    async dispose() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('the setup page before the school exists (SETUP-35, SETUP-37)', () => {
  let s: ReturnType<typeof setupApp>;
  afterEach(async () => {
    await s?.dispose();
  });

  it('SETUP-37: from another computer the setup needs the code from the log; a wrong one is refused and stores nothing; the right one creates the school once', async () => {
    s = setupApp();
    const remote = from('192.0.2.7');
    expect(await (await s.app.request(`${ORIGIN}/api/about`, {}, remote)).json()).toEqual({ demo: false, setup: { codeNeeded: true } });
    const none = await s.post(newSchoolBody(), remote);
    expect(none.status).toBe(403);
    expect((await none.json()).error).toMatch(/код настройки/i);
    expect((await s.post(newSchoolBody({ code: 'AAAAA-BBBBB' }), remote)).status).toBe(403);
    expect(await s.storage.isEmpty()).toBe(true);
    const ok = await s.post(newSchoolBody({ code: s.codes.at(-1)!.toLowerCase() }), remote);
    expect(ok.status).toBe(201);
    expect(s.created).toHaveLength(1);
    const again = await s.post(newSchoolBody({ code: s.codes.at(-1) }), remote);
    expect(again.status).toBe(410);
    expect(await (await s.app.request(`${ORIGIN}/api/about`, {}, remote)).json()).toEqual({ demo: false, setup: null });
  });

  it("SETUP-37: from the server's own machine no code is needed — unless a proxy forwarded the request; a foreign Origin is refused", async () => {
    s = setupApp();
    const local = from('127.0.0.1');
    expect(await (await s.app.request(`${ORIGIN}/api/about`, {}, local)).json()).toEqual({ demo: false, setup: { codeNeeded: false } });
    expect((await s.post(newSchoolBody(), local, { 'x-forwarded-for': '203.0.113.5' })).status).toBe(403);
    expect((await s.post(newSchoolBody(), local, { origin: 'http://evil.example' })).status).toBe(403);
    expect(await s.storage.isEmpty()).toBe(true);
    expect((await s.post(newSchoolBody(), from('::ffff:127.0.0.1'))).status).toBe(201);
  });

  it(`SETUP-37: after ${SETUP_CODE_TRIES} wrong codes a new code is printed and the old one no longer works`, async () => {
    s = setupApp();
    const first = s.codes[0];
    for (let i = 0; i < SETUP_CODE_TRIES; i++)
      expect((await s.post(newSchoolBody({ code: 'AAAAA-BBBBB' }), from('192.0.2.7'))).status).toBe(403);
    expect(s.codes).toHaveLength(2);
    expect((await s.post(newSchoolBody({ code: first }), from('192.0.2.7'))).status).toBe(403);
    expect((await s.post(newSchoolBody({ code: s.codes[1] }), from('192.0.2.7'))).status).toBe(201);
  });

  it('SETUP-35: a school with problems is refused with every problem named, and nothing is stored', async () => {
    s = setupApp();
    const body = newSchoolBody({
      schoolName: ' ',
      periods: [{ id: 'q1', name: '1 четверть', startsOn: '2027-08-01', endsOn: '2027-10-25', minGrade: 1, maxGrade: 9 }],
      admin: { name: 'Иванова', login: 'a', password: 'short' },
    });
    const res = await s.post(body, from('127.0.0.1'));
    expect(res.status).toBe(400);
    const { problems } = (await res.json()) as { problems: string[] };
    expect(problems.join('\n')).toContain('Укажите название школы.');
    expect(problems.join('\n')).toContain('«1 четверть»: Период выходит за границы');
    expect(problems.join('\n')).toContain('Нет учебных периодов для классов: 10, 11.');
    expect(problems.join('\n')).toContain('Укажите фамилию и имя администратора.');
    expect(problems.length).toBeGreaterThanOrEqual(6);
    expect(await s.storage.isEmpty()).toBe(true);
  });
});

describe('DEMO=0 on an empty data directory (SETUP-34)', () => {
  let scene: SetupScene;
  let storage: Storage;
  beforeAll(async () => {
    scene = await startSetupScene();
  });
  afterAll(async () => {
    await scene?.dispose();
  });

  const login = (origin: string, l: string, password: string) =>
    fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ login: l, password }),
    });

  it('SETUP-34: before the setup nobody can sign in and the API answers 503; the setup from this machine creates the school and the server starts on the same port', async () => {
    expect((await login(scene.origin, 'admin', 'demo')).status).toBe(503);
    expect((await fetch(`${scene.origin}/api/me`)).status).toBe(401);
    const res = await fetch(`${scene.origin}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: scene.origin },
      body: JSON.stringify(newSchoolBody()),
    });
    expect(res.status).toBe(201);
    const server = await scene.started;
    expect(server.port).toBe(Number(new URL(scene.origin).port));
    storage = server.storage;
  });

  it('SETUP-34: no demo account exists and no demo login works; the first administrator signs in; the setup route answers 410 for ever', async () => {
    for (const l of [...DEMO_LOGINS.map((u) => u.login), 'admin']) expect((await login(scene.origin, l, 'demo')).status, l).toBe(401);
    expect((await storage.listUsers()).map((u) => [u.login, u.roles])).toEqual([['ivanova', ['admin']]]);
    const ok = await login(scene.origin, 'ivanova', 'Школа-2027!');
    expect(ok.status).toBe(200);
    const cookie = (ok.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await fetch(`${scene.origin}/api/me`, { headers: { cookie } })).status).toBe(200);
    const again = await fetch(`${scene.origin}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: scene.origin },
      body: JSON.stringify(newSchoolBody({ admin: { name: 'Петров Пётр', login: 'petrov', password: 'another-pass-1' } })),
    });
    expect(again.status).toBe(410);
    expect((await login(scene.origin, 'petrov', 'another-pass-1')).status).toBe(401);
    expect(await (await fetch(`${scene.origin}/api/about`)).json()).toEqual({ demo: false, setup: null });
  });

  it('SETUP-35, SETUP-36: the school-year document holds the name, the dates and the periods of the template', async () => {
    const names = (await storage.listDocuments()).filter((n) => n.startsWith('school/'));
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^school\/s-[a-z0-9]{8}\/2027$/);
    const doc = new Y.Doc();
    for (const u of (await storage.loadDocument(names[0])).updates) Y.applyUpdate(doc, u.update);
    expect(readSchoolMeta(doc)).toMatchObject({
      schoolName: 'МБОУ СОШ № 12',
      startsOn: '2027-09-01',
      endsOn: '2028-05-31',
      title: '2027/2028 учебный год',
    });
    expect(
      periods
        .all(doc)
        .map(([id, p]) => `${id} ${p.startsOn}…${p.endsOn} ${p.minGrade}-${p.maxGrade}`)
        .sort(),
    ).toEqual([
      'h1 2027-09-01…2027-12-28 10-11',
      'h2 2028-01-12…2028-05-31 10-11',
      'q1 2027-09-01…2027-10-25 1-9',
      'q2 2027-11-05…2027-12-28 1-9',
      'q3 2028-01-12…2028-03-21 1-9',
      'q4 2028-03-29…2028-05-31 1-9',
    ]);
  });
});

describe('the demo (SETUP-38)', () => {
  it('SETUP-38: an empty directory without DEMO=0 gets the demo school, and the sign-in page is told so', async () => {
    const server = await startTestServer();
    try {
      expect(await (await fetch(`${server.origin}/api/about`)).json()).toEqual({ demo: true, setup: null });
      expect((await fetch(`${server.origin}/api/setup`, { method: 'POST', headers: { origin: server.origin } })).status).toBe(410);
    } finally {
      await server.dispose();
    }
  });
});
