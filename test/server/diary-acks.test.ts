import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEnrolledOn, listStudents, type IsoDate, type Student } from '../../model/index.ts';
import { parseClockStart } from '../../sync-server/clock.ts';
import { Directory } from '../../sync-server/directory.ts';
import { diaryAckRoutes } from '../../sync-server/http/diary-ack-routes.ts';
import type { ClassAcksView, StudentAcksView } from '../../sync-server/http/diary-class-acks.ts';
import { sessionMiddleware, type AppEnv } from '../../sync-server/http/session-middleware.ts';
import { api } from '../helpers/api-client.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const DAY = 24 * 3_600_000;
/** DEMO_FIXTURE_DAY is a Wednesday: its week's Monday and the week before. */
const MONDAY = '2026-12-07';
const LAST_MONDAY = '2026-11-30';

/** Reading and confirming the diary (факт ознакомления), the class teacher's view and reminders. */
describe('diary reading and confirmation', () => {
  let server: TestServer;
  const http = api(() => server);
  let classTeacher = '';
  let deputy = '';
  let mama = '';
  let kid = '';
  let papa = '';
  let otherFamily = '';
  /** 5Б students for the whole year, past the first (the demo's own family may be the first's). */
  let [a, b, c]: Student[] = [];
  let mark = '';

  const activate = async (classId: string, role: 'parent' | 'student', studentId: string, login: string, issuer: string) => {
    const code = await http.post(
      `/api/class/${classId}/codes`,
      { role, studentId, name: role === 'parent' ? `Родитель ${login}` : undefined },
      issuer,
    );
    expect(code.status).toBe(200);
    const res = await http.post('/api/auth/activate', { code: code.json.code, login, password: 'Solnyshko-5' });
    expect(res.status).toBe(200);
    return http.cookieOf(res.headers);
  };
  const read = (studentId: string, body: unknown, cookie?: string) => http.post(`/api/diary/${studentId}/read`, body, cookie);
  const confirm = (studentId: string, periodId: unknown, cookie?: string) =>
    http.post(`/api/diary/${studentId}/confirm`, { periodId }, cookie);
  const view = async (cookie = classTeacher) => {
    const res = await http.get('/api/classes/5b/diary-acks', cookie);
    expect(res.status).toBe(200);
    return res.json as unknown as ClassAcksView;
  };
  const row = (v: ClassAcksView, s: Student) => v.students.find((r) => r.id === s.id) as StudentAcksView;
  const account = (r: StudentAcksView, name: string) => r.accounts.find((x) => x.name === name)!;

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    classTeacher = await http.login('classteacher');
    deputy = await http.login('deputy');
    const journal = await loadStoredDoc(server.storage, 'journal/5b/2026');
    [, a, b, c] = listStudents(journal).filter((s) => s.enrolledOn === null && s.leftOn === null);
    const key = [...journal.getMap('marks').keys()].find((k) => k.split(':')[1] === a.id)!;
    const [lessonId, , place] = key.split(':');
    mark = `${lessonId}:${place}`;
    mama = await activate('5b', 'parent', a.id, 'mama-a', classTeacher);
    kid = await activate('5b', 'student', a.id, 'kid-a', classTeacher);
    papa = await activate('5b', 'parent', b.id, 'papa-b', classTeacher);
    const tenth = listStudents(await loadStoredDoc(server.storage, 'journal/10a/2026'))[0];
    otherFamily = await activate('10a', 'parent', tenth.id, 'mama-10a', await http.login('russian'));
    // A code issued for c's family and never used: c's family has no access yet.
    expect((await http.post('/api/class/5b/codes', { role: 'parent', studentId: c.id }, classTeacher)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('DIARY-20: a parent records reading a week and a mark; a repeat keeps the first time', async () => {
    expect((await read(a.id, { kind: 'week', item: MONDAY }, mama)).status).toBe(200);
    const first = server.clock.now();
    server.clock.moveTo(first + 60_000);
    expect((await read(a.id, { kind: 'week', item: MONDAY }, mama)).status).toBe(200);
    expect((await read(a.id, { kind: 'mark', item: mark }, mama)).status).toBe(200);
    const acks = await server.storage.diaryAcks({ studentIds: [a.id] });
    const weeks = acks.filter((x) => x.kind === 'week');
    expect(weeks).toHaveLength(1);
    expect(weeks[0].at).toBeLessThan(first + 60_000);
    expect(acks.filter((x) => x.kind === 'mark').map((x) => x.item)).toEqual([mark]);
  });

  it('DIARY-22: a week is a Monday of the school year, a mark the diary’s `lessonId:place`; anything else is 400', async () => {
    const refused: unknown[] = [
      { kind: 'week', item: '2026-12-08' },
      { kind: 'week', item: '07.12.2026' },
      { kind: 'week', item: '2031-12-01' },
      { kind: 'mark', item: 'nonsense' },
      { kind: 'mark', item: `${mark}:extra` },
      { kind: 'mark', item: `${mark.split(':')[0]}:ZZ` },
      { kind: 'finals', item: 'q1' },
      { item: MONDAY },
    ];
    for (const body of refused) expect((await read(a.id, body, mama)).status, JSON.stringify(body)).toBe(400);
  });

  it('DIARY-21: another family’s student, a missing one and staff get the same 404; no session 401', async () => {
    const other = await read(b.id, { kind: 'week', item: MONDAY }, mama);
    const missing = await read('nobody', { kind: 'week', item: MONDAY }, mama);
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.json).toEqual(missing.json);
    expect((await read(a.id, { kind: 'week', item: MONDAY }, otherFamily)).json).toEqual(missing.json);
    for (const login of ['classteacher', 'deputy', 'admin', 'teacher']) {
      const cookie = await http.login(login);
      expect((await read(a.id, { kind: 'week', item: MONDAY }, cookie)).status, login).toBe(404);
      expect((await confirm(a.id, 'q1', cookie)).status, login).toBe(404);
      expect((await http.get(`/api/diary/${a.id}/acks`, cookie)).status, login).toBe(404);
    }
    expect((await http.get(`/api/diary/${a.id}/acks`, papa)).json).toEqual(missing.json);
    expect((await read(a.id, { kind: 'week', item: MONDAY })).status).toBe(401);
    expect(await server.storage.diaryAcks({ studentIds: ['nobody', b.id] })).toEqual([]);
  });

  it('DIARY-23: the finals of a closed period are confirmed once, per account; an open one cannot be', async () => {
    expect((await confirm(a.id, 'q1', mama)).status).toBe(400);
    expect((await http.post('/api/periods/close', { classId: '5b', periodId: 'q1' }, deputy)).status).toBe(200);
    const ok = await confirm(a.id, 'q1', mama);
    expect(ok.status).toBe(200);
    const at = ok.json.at as number;
    server.clock.moveTo(server.clock.now() + DAY);
    expect((await confirm(a.id, 'q1', mama)).json).toMatchObject({ ok: true, periodId: 'q1', at });
    expect((await confirm(a.id, 'q2', mama)).status).toBe(400);
    expect((await confirm(a.id, 'year', mama)).status).toBe(400);
    expect((await confirm(a.id, '../q1', mama)).status).toBe(400);
    expect((await http.get(`/api/diary/${a.id}/acks`, mama)).json).toEqual({ finals: { q1: at } });
    expect((await http.get(`/api/diary/${a.id}/acks`, kid)).json).toEqual({ finals: {} });
  });

  it('DIARY-24: the class teacher sees who read this week and last week and who confirmed; no access without an activated account', async () => {
    server.clock.moveTo(parseClockStart(DEMO_FIXTURE_DAY) + 3_600_000);
    expect((await read(b.id, { kind: 'week', item: LAST_MONDAY }, papa)).status).toBe(200);
    const v = await view();
    expect(v).toMatchObject({ classId: '5b', week: MONDAY, lastWeek: LAST_MONDAY, periods: [{ id: 'q1' }] });
    const journal = await loadStoredDoc(server.storage, 'journal/5b/2026');
    expect(v.students.map((s) => s.id)).toEqual(
      listStudents(journal)
        .filter((s) => isEnrolledOn(s, DEMO_FIXTURE_DAY as IsoDate))
        .map((s) => s.id),
    );
    const rowA = row(v, a);
    expect(rowA.accounts.map((x) => x.role)).toEqual(['parent', 'student']);
    expect(account(rowA, 'Родитель mama-a')).toMatchObject({ thisWeek: true, lastWeek: false, finals: { q1: expect.any(Number) } });
    expect(account(rowA, 'Родитель mama-a').lastOpened).toBeGreaterThan(0);
    expect(account(rowA, `${a.name} (ученик)`)).toMatchObject({
      role: 'student',
      lastOpened: null,
      thisWeek: false,
      lastWeek: false,
      finals: {},
    });
    expect(row(v, b).accounts).toEqual([
      { role: 'parent', name: 'Родитель papa-b', lastOpened: expect.any(Number), thisWeek: false, lastWeek: true, finals: {} },
    ]);
    expect(row(v, c)).toMatchObject({ accounts: [], pendingCodes: 1 });
    // Names and roles only: no login, phone, e-mail or account id.
    const text = JSON.stringify(v);
    for (const secret of ['mama-a', 'papa-b', 'login', 'phone', 'email', 'u-']) expect(text.includes(`"${secret}`), secret).toBe(false);
    // A week later last week's reading is last week's.
    server.clock.moveTo(parseClockStart(DEMO_FIXTURE_DAY) + 7 * DAY);
    expect(account(row(await view(), a), 'Родитель mama-a')).toMatchObject({ thisWeek: false, lastWeek: true });
    server.clock.moveTo(parseClockStart(DEMO_FIXTURE_DAY));
  });

  it('DIARY-25: the class teacher of that class, the deputy, the director and the administrator see it; other teachers and families get 403', async () => {
    for (const login of ['deputy', 'director', 'admin'])
      expect((await http.get('/api/classes/5b/diary-acks', await http.login(login))).status, login).toBe(200);
    for (const login of ['teacher', 'russian', 'psychologist']) {
      expect((await http.get('/api/classes/5b/diary-acks', await http.login(login))).status, login).toBe(403);
    }
    expect((await http.get('/api/classes/5b/diary-acks', mama)).status).toBe(403);
    expect((await http.get('/api/classes/10a/diary-acks', classTeacher)).status).toBe(403);
    expect((await http.get('/api/classes/9z/diary-acks', deputy)).status).toBe(404);
    expect((await http.get('/api/classes/5b/diary-acks')).status).toBe(401);
  });

  it('DIARY-26, DIARY-27: reminders leave a notice per student and tell the projector; a second of a kind the same day is 429', async () => {
    const noticed: string[] = [];
    // The app of this server with the projector's callback the lead wires in server.ts.
    const local = new Hono<AppEnv>();
    local.onError((err, ctx) =>
      err instanceof HTTPException ? ctx.json({ error: err.message }, err.status) : ctx.json({ error: String(err) }, 500),
    );
    local.use('/api/*', sessionMiddleware(server.storage, server.clock.now));
    const directory = new Directory(server.registry, server.schoolDocName);
    local.route(
      '/api',
      diaryAckRoutes({
        storage: server.storage,
        registry: server.registry,
        directory,
        now: server.clock.now,
        onNotice: (id) => noticed.push(id),
      }),
    );
    const remind = api(() => ({ ...server, app: local }) as unknown as TestServer);
    const url = '/api/classes/5b/diary-reminders';

    const first = await remind.post(url, { studentIds: [a.id, b.id], kind: 'read' }, classTeacher);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ sent: [a.id, b.id], already: [] });
    expect(noticed).toEqual([a.id, b.id]);
    expect(await server.storage.diaryNotices(a.id)).toEqual([
      {
        id: `read-${DEMO_FIXTURE_DAY}`,
        studentId: a.id,
        text: 'Классный руководитель просит ознакомиться с дневником за неделю',
        from: 'Лебедева Елена Николаевна',
        at: expect.any(Number),
      },
    ]);
    const again = await remind.post(url, { studentIds: [b.id, a.id], kind: 'read' }, classTeacher);
    expect(again.status).toBe(429);
    expect(again.json.error).toContain('Сегодня это напоминание уже отправлено');
    // Only those not reminded yet are; another kind is another reminder.
    expect((await remind.post(url, { studentIds: [a.id, c.id], kind: 'read' }, classTeacher)).json).toMatchObject({
      sent: [c.id],
      already: [a.id],
    });
    const confirmIt = await remind.post(url, { studentIds: [a.id], kind: 'confirm' }, classTeacher);
    expect(confirmIt.json.text).toBe('Классный руководитель просит подтвердить ознакомление с итоговыми отметками за 1 четверть');
    expect(noticed).toEqual([a.id, b.id, c.id, a.id]);
    // The next school day the same reminder may go again.
    server.clock.moveTo(parseClockStart(DEMO_FIXTURE_DAY) + DAY);
    expect((await remind.post(url, { studentIds: [a.id], kind: 'read' }, classTeacher)).status).toBe(200);
    expect((await server.storage.diaryNotices(a.id)).map((n) => n.id)).toEqual([
      'read-2026-12-10',
      `confirm-${DEMO_FIXTURE_DAY}`,
      `read-${DEMO_FIXTURE_DAY}`,
    ]);
    server.clock.moveTo(parseClockStart(DEMO_FIXTURE_DAY));
  });

  it('DIARY-26: only the class teacher reminds, only students of the class on the roster, and only of known kinds', async () => {
    const url = '/api/classes/5b/diary-reminders';
    for (const login of ['deputy', 'admin', 'teacher', 'russian']) {
      expect((await http.post(url, { studentIds: [a.id], kind: 'read' }, await http.login(login))).status, login).toBe(403);
    }
    expect((await http.post(url, { studentIds: [a.id], kind: 'read' }, mama)).status).toBe(403);
    for (const body of [
      { studentIds: [], kind: 'read' },
      { studentIds: ['nobody'], kind: 'read' },
      { studentIds: [a.id], kind: 'call' },
      { studentIds: a.id, kind: 'read' },
    ]) {
      expect((await http.post(url, body, classTeacher)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('DIARY-29: foreign origins and large bodies are refused; a confirmation and the class view are in the access log', async () => {
    const foreign = api(() => server, 'https://evil.example');
    expect((await foreign.post(`/api/diary/${a.id}/confirm`, { periodId: 'q1' }, mama)).status).toBe(403);
    expect((await foreign.post('/api/classes/5b/diary-reminders', { studentIds: [a.id], kind: 'read' }, classTeacher)).status).toBe(403);
    const big = await read(a.id, { kind: 'week', item: MONDAY, pad: 'x'.repeat(2000) }, mama);
    expect(big.status).toBe(413);
    expect((await confirm(a.id, 'q1', mama)).status).toBe(200);
    await view();
    const log = await server.storage.listAccessLog({ limit: 20 });
    expect(log.find((e) => e.kind === 'diary-confirm')).toMatchObject({ login: 'mama-a', object: `diary student=${a.id} period=q1` });
    expect(log.find((e) => e.kind === 'personal-data-read')).toMatchObject({ login: 'classteacher', object: 'diary-acks class=5b' });
  });
});
