import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marksOf, markPlace, markToTuple, type LessonId, type Student, type StudentId, type WorkTypeId } from '../../model/index.ts';
import { api } from '../helpers/api-client.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';
const HOUR = 61 * 60_000;

describe('consent and e-mail digests through the real server and a local SMTP server', () => {
  let server: TestServer;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let teacher: TestClient;
  const client = api(() => server);
  const cookies: Record<string, string> = {};
  let child: Student;
  let other: Student;
  let lessons: LessonId[];
  let parentName: string;

  /** The teacher gives a student a mark in the next lesson where they have none, over the real socket. */
  const giveMark = async (student: Student, v: 2 | 3 | 4 | 5) => {
    const stored = await loadStoredDoc(server.storage, J5B);
    const lesson = lessons
      .filter(
        (l) =>
          marksOf(stored, l, student.id as StudentId).length === 0 &&
          !teacher.doc.getMap('marks').has(`${l}:${student.id}:${markPlace(0)}`),
      )
      .at(-1)!;
    teacher.doc.getMap('marks').set(`${lesson}:${student.id}:${markPlace(0)}`, markToTuple({ v, t: 'oral' as WorkTypeId, w: 1 }));
  };
  const notifications = async () =>
    (await client.get('/api/notifications', cookies.parent)).json.items as Array<{ kind: string; text: string }>;
  const consent = (kind: string, given: boolean) => client.post('/api/consent', { kind, given }, cookies.parent);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    server = await startTestServer({ at: DEMO_FIXTURE_DAY, email: { smtpUrl: smtp.url } });
    for (const login of ['classteacher', 'teacher', 'parent', 'deputy']) cookies[login] = await client.login(login);
    const me = await client.get('/api/me', cookies.parent);
    parentName = (me.json.user as { name: string }).name;
    const childId = (me.json.documents as Array<{ name: string }>)[0].name.split('/')[1];
    const page = await mathPage(server.storage, server.today());
    lessons = page.teacherLessons;
    child = page.students.find((s) => s.id === childId)!;
    other = page.students.find((s) => s.id !== childId)!;
    // The contacts the families gave the class teacher (STU-9): where e-mail may go (NOTIF-7).
    for (const [s, name, email] of [
      [child, parentName, 'mama@example.ru'],
      [other, 'Сидорова Мария Петровна', 'other@example.ru'],
    ] as const) {
      const res = await client.post(
        '/api/students/personal',
        { classId: '5b', studentId: s.id, birthDate: null, parents: [{ name, phone: '', email }] },
        cookies.classteacher,
      );
      expect(res.status).toBe(200);
    }
    teacher = connectClient(server, J5B, cookies.teacher, { ext: true });
    await synced(teacher);
  });

  afterAll(async () => {
    teacher?.destroy();
    await server?.dispose();
    await smtp?.close();
  });

  it('CONS-1: the parent sees no consent given yet and the address the family gave, masked; staff give none', async () => {
    const own = await client.get('/api/consent', cookies.parent);
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({
      state: { 'personal-data': null, email: null },
      register: [],
      email: 'm***@example.ru',
      emailOn: true,
    });
    expect((await client.get('/api/consent', cookies.teacher)).status).toBe(403);
    expect((await client.post('/api/consent', { kind: 'email', given: true }, cookies.classteacher)).status).toBe(403);
    expect((await consent('sms', true)).status).toBe(400);
  });

  it('NOTIF-2, CONS-5: without consent the mark is in the app, and the SMTP server receives nothing', async () => {
    await giveMark(child, 4);
    await waitFor(async () => expect((await notifications()).map((n) => n.kind)).toContain('mark'));
    expect(await server.family.digests.runDue()).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it('NOTIF-1, NOTIF-4, NOTIF-6: with both consents the digest arrives, with the announcement and the child’s mark, nothing of another child', async () => {
    expect((await consent('personal-data', true)).json.state).toMatchObject({ 'personal-data': { given: true }, email: null });
    // E-mail consent alone is not enough while personal data is refused, and vice versa (CONS-5).
    expect(await server.family.digests.runDue()).toBe(0);
    await consent('email', true);
    await client.post('/api/boards/5b/posts', { title: 'Родительское собрание', text: 'Четверг, 18:00' }, cookies.classteacher);
    await giveMark(other, 2);
    await giveMark(child, 5);
    await waitFor(async () => expect((await notifications()).filter((n) => n.kind === 'mark')).toHaveLength(2));
    await waitFor(async () => expect((await notifications()).map((n) => n.kind)).toContain('announcement'));
    await server.family.hub.settled();
    expect(await server.family.digests.runDue()).toBe(1);
    const [mail] = await smtp.count(1);
    expect(mail.to).toEqual(['mama@example.ru']);
    expect(mail.subject).toMatch(/^Электронный дневник: \d+ нов/);
    expect(mail.text).toContain('Родительское собрание');
    expect(mail.text).toContain(`${child.name}: 5 — Математика`);
    // The mark given before the consent is not sent; nothing of the other child at all.
    expect(mail.text).not.toContain(`${child.name}: 4`);
    expect(mail.text).not.toContain(other.name);
    expect(mail.text).not.toContain(other.name.split(' ')[0]);
    expect(smtp.received.some((m) => m.to.includes('other@example.ru'))).toBe(false);
  });

  it('NOTIF-4: the next digest waits the school’s interval, then carries only what is new', async () => {
    await giveMark(child, 3);
    await waitFor(async () => expect((await notifications()).filter((n) => n.kind === 'mark')).toHaveLength(3));
    await server.family.hub.settled();
    expect(await server.family.digests.runDue()).toBe(0);
    server.clock.moveTo(server.clock.now() + HOUR);
    expect(await server.family.digests.runDue()).toBe(1);
    const mails = await smtp.count(2);
    expect(mails[1].text).toContain(`${child.name}: 3 — Математика`);
    expect(mails[1].text).not.toContain('Родительское собрание');
  });

  it('CONS-6: withdrawal stops the next digest at once, and a later consent never sends what came meanwhile', async () => {
    const withdrawn = await consent('email', false);
    expect(withdrawn.json.state).toMatchObject({ email: { given: false } });
    await giveMark(child, 4);
    await waitFor(async () => expect((await notifications()).filter((n) => n.kind === 'mark')).toHaveLength(4));
    await server.family.hub.settled();
    server.clock.moveTo(server.clock.now() + HOUR);
    expect(await server.family.digests.runDue()).toBe(0);
    await consent('email', true);
    server.clock.moveTo(server.clock.now() + HOUR);
    expect(await server.family.digests.runDue()).toBe(0);
    expect(smtp.received).toHaveLength(2);
  });

  it('CONS-3: the register keeps every change with its time, append-only; a repeat adds nothing', async () => {
    const before = (await client.get('/api/consent', cookies.parent)).json.register as Array<{ kind: string; given: boolean; at: number }>;
    await consent('email', true);
    const own = (await client.get('/api/consent', cookies.parent)).json.register as typeof before;
    expect(own).toEqual(before);
    expect(own.map((e) => `${e.kind}:${e.given}`)).toEqual(['personal-data:true', 'email:true', 'email:false', 'email:true']);
    expect(own.every((e, i) => typeof e.at === 'number' && (i === 0 || e.at >= own[i - 1].at))).toBe(true);
    expect(own[2].at).toBeLessThan(own[3].at);
  });

  it('CONS-4, CONS-7: the class teacher and the administration see who consented, when, who refused — sent to the printed extract; nobody else', async () => {
    await consent('personal-data', false);
    const view = await client.get('/api/classes/5b/consents', cookies.classteacher);
    expect(view.status).toBe(200);
    const rows = view.json.rows as Array<{
      studentId: string;
      parents: Array<{ name: string; state: Record<string, { given: boolean; at: number } | null> }>;
      extract: string | null;
      extractHref: string;
    }>;
    const mine = rows.find((r) => r.studentId === child.id)!;
    expect(mine.parents).toEqual([
      {
        name: parentName,
        state: { 'personal-data': { given: false, at: expect.any(Number) }, email: { given: true, at: expect.any(Number) } },
      },
    ]);
    expect(mine.extract).toBe('refused');
    expect(mine.extractHref).toBe(`/api/reports/diary?class=5b&student=${child.id}&format=pdf`);
    expect(rows.find((r) => r.studentId === other.id)!.extract).toBe('no-answer');
    const register = view.json.register as Array<{ name: string; kind: string; given: boolean; at: number }>;
    expect(register[0]).toMatchObject({ name: parentName, kind: 'personal-data', given: false });
    expect(register).toHaveLength(5);
    expect(JSON.stringify(view.json)).not.toMatch(/@|example|\+7/);
    expect((await client.get('/api/classes/5b/consents', cookies.deputy)).status).toBe(200);
    expect((await client.get('/api/classes/5b/consents', cookies.teacher)).status).toBe(403);
    expect((await client.get('/api/classes/zz9/consents', cookies.teacher)).status).toBe(403);
    expect((await client.get('/api/classes/5b/consents', cookies.parent)).status).toBe(403);
    // The extract it points to exists (REP-15).
    const extract = await server.app.request(mine.extractHref.replace('format=pdf', 'format=json'), {
      headers: { cookie: cookies.classteacher },
    });
    expect(extract.status).toBe(200);
  });

  it('NOTIF-8: e-mail is on with SMTP_URL; the administration sets the interval, others may not', async () => {
    expect((await client.get('/api/notifications/settings', cookies.parent)).json).toMatchObject({
      emailOn: true,
      digestMinutes: 60,
      mayEdit: false,
    });
    expect((await client.post('/api/notifications/settings', { digestMinutes: 15 }, cookies.classteacher)).status).toBe(403);
    expect((await client.post('/api/notifications/settings', { digestMinutes: 1 }, cookies.deputy)).status).toBe(400);
    expect((await client.post('/api/notifications/settings', { digestMinutes: 15 }, cookies.deputy)).json).toMatchObject({
      digestMinutes: 15,
    });
    const seen = await client.post('/api/notifications/seen', {}, cookies.parent);
    expect(seen.json).toEqual({ unseen: 0 });
  });
});
