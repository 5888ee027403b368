import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addDays,
  isEnrolledOn,
  lessonId,
  listStudents,
  markToTuple,
  pageLessons,
  parseLessonId,
  periodAt,
  rootMap,
  WHOLE_CLASS,
  type ClassId,
  type IsoDate,
  type ReportTable,
  type Student,
  type SubjectId,
  type WorkTypeId,
} from '../../model/index.ts';
import { clampIntoYear } from '../../sync-server/demo/demo-school.ts';
import { loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';
import { localToday } from '../e2e/pages.ts';

const J5B = 'journal/5b/2026';
const J10A = 'journal/10a/2026';
const MATH = 'math' as SubjectId;

/** The marks and absence marks of a student in a journal, by key. */
function entriesOf(journal: Y.Doc, studentId: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const map of ['marks', 'attendance'])
    rootMap(journal, map).forEach((v, k) => {
      if (v !== null && k.split(':')[1] === studentId) out[`${map}/${k}`] = v;
    });
  return out;
}
/** The lesson date of an `entriesOf` key. */
const dateOf = (key: string) => parseLessonId(key.slice(key.indexOf('/') + 1).split(':')[0])!.date;

/**
 * STU-7 over HTTP on the demo school: the administrator transfers a 5Б student to 10А in the
 * middle of the running quarter; both journals are right, and the reports of both count them
 * as REP-1 and REP-7 say.
 */
describe('transfer of a student between classes (STU-7)', () => {
  let server: TestServer;
  let admin: string;
  let deputy: string;
  let date: IsoDate;
  let student: Student;
  let before5b: Record<string, unknown>;
  const post = (path: string, body: unknown, cookie = admin) =>
    fetch(`${server.origin}${path}`, {
      method: 'POST',
      headers: { cookie, origin: server.origin, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const report = async (path: string) => {
    const res = await fetch(`${server.origin}${path}`, { headers: { cookie: deputy } });
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { report: ReportTable }).report;
  };
  const total = (t: ReportTable) => t.rows.find((r) => r.subject === 'Итого по классу')!.students;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login('admin');
    deputy = await server.login('deputy');
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const journal = await loadStoredDoc(server.storage, J5B);
    const today = clampIntoYear(localToday());
    const [, quarter] = periodAt(school, 5, today)!;
    // Mid-quarter: the middle one of 5Б's mathematics lessons held so far in the quarter.
    const held = pageLessons(school, journal, '5b' as ClassId, MATH, WHOLE_CLASS).filter(
      (l) => l.date > quarter.startsOn && l.date <= today,
    );
    date = held[Math.floor(held.length / 2)].date;
    const keys = (s: Student) => Object.keys(entriesOf(journal, s.id)).map(dateOf);
    student = (await mathPage(server.storage, server.today())).students.find((s) => keys(s).some((d) => d < date) && keys(s).some((d) => d >= date))!;
    expect(student).toBeDefined();
    before5b = entriesOf(journal, student.id);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('STU-7: refused transfers say why and change nothing', async () => {
    const seqs = await server.storage.lastSeqs();
    const body = { studentId: student.id, fromClassId: '5b', toClassId: '10a', date };
    const expectRefused = async (res: Response, status: number, error: string | RegExp) => {
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: string }).error).toMatch(error);
    };
    await expectRefused(await post('/api/students/transfer', body, deputy), 403, 'Движение учащихся вносит администратор');
    await expectRefused(await post('/api/students/transfer', { ...body, date: '2026-13-01' }), 400, 'Укажите дату перевода (ГГГГ-ММ-ДД)');
    await expectRefused(await post('/api/students/transfer', { ...body, toClassId: '9z' }), 400, 'Нет такого класса');
    await expectRefused(await post('/api/students/transfer', { ...body, toClassId: '5b' }), 400, 'Ученик уже в этом классе');
    await expectRefused(await post('/api/students/transfer', { ...body, studentId: 'nobody' }), 400, 'Такого ученика нет в списке класса');
    await expectRefused(await post('/api/students/transfer', { ...body, date: '2027-07-01' }), 400, /вне учебного года/);
    await expectRefused(await post('/api/students/transfer', { ...body, groups: ['5b-en1'] }), 400, /не группа класса 10А/);
    expect(await server.storage.lastSeqs()).toEqual(seqs);
  });

  it('STU-7: mid-quarter, the old journal keeps every mark and drops the student from the date; the new one has them from it, with none before', async () => {
    const quarter = periodAt(await loadStoredDoc(server.storage, 'school/demo/2026'), 5, date)![0];
    const results5b = total(await report(`/api/reports/class-results?class=5b&period=${quarter}`));
    const results10a = total(await report(`/api/reports/class-results?class=10a&period=h1`));
    // A parent of the student follows them to 10А.
    await server.storage.createUser({
      id: 'p-transfer',
      login: 'parent-transfer',
      name: 'Родитель',
      roles: ['parent'],
      passwordHash: '',
      disabled: false,
      studentLink: { classId: '5b', studentId: student.id },
    });

    const res = await post('/api/students/transfer', { studentId: student.id, fromClassId: '5b', toClassId: '10a', date });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, studentId: student.id, accounts: 1 });

    const old = await loadStoredDoc(server.storage, J5B);
    const moved = await loadStoredDoc(server.storage, J10A);
    const inOld = listStudents(old).find((s) => s.id === student.id)!;
    expect(inOld.leftOn).toBe(date);
    expect(isEnrolledOn(inOld, addDays(date, -1))).toBe(true);
    expect(isEnrolledOn(inOld, date)).toBe(false);
    expect(entriesOf(old, student.id)).toEqual(before5b);
    const inNew = listStudents(moved).find((s) => s.id === student.id)!;
    expect(inNew).toEqual({ id: student.id, name: student.name, groups: [], enrolledOn: date, leftOn: null });
    expect(entriesOf(moved, student.id)).toEqual({});
    expect((await server.storage.findUserById('p-transfer'))?.studentLink).toEqual({ classId: '10a', studentId: student.id });

    // Both changes are in the histories under the administrator, with what they were.
    const history = async (doc: string, field: string) => {
      const r = await fetch(`${server.origin}/api/history?doc=${doc}&path=students/${student.id}:${field}`, { headers: { cookie: admin } });
      return ((await r.json()) as { changes: Array<{ userId: string; note: string | null }> }).changes.at(-1);
    };
    expect(await history(J5B, 'leftOn')).toMatchObject({ userId: 'u-admin', note: expect.stringMatching(/^перевод в 10А с \d\d\.\d\d$/) });
    expect(await history(J10A, 'enrolledOn')).toMatchObject({
      userId: 'u-admin',
      note: expect.stringMatching(/^перевод из 5Б с \d\d\.\d\d$/),
    });

    // REP-1: the roster at the period's end (today while it runs): one fewer in 5Б, one more in 10А.
    expect(total(await report(`/api/reports/class-results?class=5b&period=${quarter}`))).toBe((results5b as number) - 1);
    expect(total(await report(`/api/reports/class-results?class=10a&period=h1`))).toBe((results10a as number) + 1);

    // REP-7: both classes list the student for the month, each counting only the lessons they had there.
    const month = date.slice(0, 7);
    const absentBefore = Object.entries(before5b).filter(
      ([k, v]) => k.startsWith('attendance/') && v === 'absent' && dateOf(k) >= `${month}-01` && dateOf(k) < date,
    );
    const row5b = (await report(`/api/reports/attendance-month?class=5b&month=${month}`)).rows.find((r) => r.student === student.name)!;
    expect(row5b).toMatchObject({ lessons: absentBefore.length, note: expect.stringContaining('выбыл(а)') });
    const row10a = (await report(`/api/reports/attendance-month?class=10a&month=${month}`)).rows.find((r) => r.student === student.name)!;
    expect(row10a).toMatchObject({ lessons: 0, days: 0, note: expect.stringContaining('прибыл(а)') });
  });

  it('STU-7, PERM-4: in 10А a teacher may mark the student from the arrival date, not before', async () => {
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const moved = await loadStoredDoc(server.storage, J10A);
    const russian = pageLessons(school, moved, '10a' as ClassId, 'rus' as SubjectId, WHOLE_CLASS);
    const beforeArrival = russian.filter((l) => l.date < date).at(-1)!;
    const afterArrival = russian.find((l) => l.date >= date)!;
    const teacher = connectClient(server, J10A, await server.login('russian'), { ext: true });
    await synced(teacher);
    const mark = markToTuple({ v: 5, t: 'oral' as WorkTypeId, w: 1 });
    teacher.doc.transact(() => {
      teacher.doc.getMap('marks').set(`${beforeArrival.id}:${student.id}:0`, mark);
      teacher.doc.getMap('marks').set(`${afterArrival.id}:${student.id}:0`, mark);
    });
    await waitFor(() =>
      expect(teacher.rejects.map((r) => [r.path, r.reason])).toEqual([[`marks/${beforeArrival.id}:${student.id}:0`, 'not-on-roster']]),
    );
    await waitFor(async () => {
      const stored = await loadStoredDoc(server.storage, J10A);
      expect(Object.keys(entriesOf(stored, student.id))).toEqual([
        `marks/${lessonId(afterArrival.date, afterArrival.slot, afterArrival.subjectId, WHOLE_CLASS)}:${student.id}:0`,
      ]);
    });
    teacher.destroy();
  });
});
