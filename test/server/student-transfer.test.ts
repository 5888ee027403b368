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
  periodsForGrade,
  rootMap,
  schoolMoment,
  WHOLE_CLASS,
  type ClassId,
  type IsoDate,
  type PlannedLesson,
  type ReportTable,
  type Student,
  type SubjectId,
  type WorkTypeId,
} from '../../model/index.ts';
import { loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';
const J10A = 'journal/10a/2026';
const MATH = 'math' as SubjectId;
const MARK = markToTuple({ v: 4, t: 'oral' as WorkTypeId, w: 1 });

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
    // About what "today" changes (a transfer in the running quarter, the reports of it): on the
    // process clock (JOURNAL_CLOCK), not the fixture day, so it runs on whatever day it is.
    server = await startTestServer();
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const taught = pageLessons(school, null, '5b' as ClassId, MATH, WHOLE_CLASS).filter((l) => l.substituteId === null);
    const quarters = periodsForGrade(school, 5).map(([, p]) => taught.filter((l) => l.date >= p.startsOn && l.date <= p.endsOn));
    const daysOf = (ls: PlannedLesson[]) => [...new Set(ls.map((l) => l.date))];
    // The quarter: the latest one with three days of 5Б mathematics held by today — the running
    // one, or the one before in a quarter's first days, over the holidays and after the year.
    let held = [...quarters].reverse().find((q) => daysOf(q.filter((l) => l.date <= server.today())).length >= 3);
    held = held?.filter((l) => l.date <= server.today());
    if (!held) {
      // Before the year has held three: its first five days of mathematics, and the clock moves
      // on to the day after them.
      held = quarters[0].filter((l) => daysOf(quarters[0]).slice(0, 5).includes(l.date));
      server.clock.moveTo(schoolMoment(addDays(held.at(-1)!.date, 1), '10:00', 180));
    }
    // Mid-quarter: the middle day of them, or the next one whose month had a lesson before it
    // (so that the student is on 5Б's roster in the month's attendance report).
    const days = daysOf(held);
    const mid = Math.floor(days.length / 2);
    date = days.find((d, i) => i >= mid && i < days.length - 1 && d.slice(0, 7) === days[i - 1].slice(0, 7)) ?? days[mid];
    // Signed in on the day the test runs (a moved clock has expired sessions opened before).
    admin = await server.login('admin');
    deputy = await server.login('deputy');
    // A student on the roster all year, whom the teacher marks in the lessons either side of the
    // date (the demo's own entries are on both sides only once the quarter has run a while).
    student = (await mathPage(server.storage, date)).students[0];
    const marked = [held.filter((l) => l.date < date).at(-1)!, held.find((l) => l.date === date)!].map(
      (l) => `marks/${l.id}:${student.id}:3`,
    );
    const teacher = connectClient(server, J5B, await server.login('teacher'), { ext: true });
    await synced(teacher);
    teacher.doc.transact(() => {
      for (const key of marked) teacher.doc.getMap('marks').set(key.slice('marks/'.length), MARK);
    });
    await waitFor(async () =>
      expect(Object.keys(entriesOf(await loadStoredDoc(server.storage, J5B), student.id))).toEqual(expect.arrayContaining(marked)),
    );
    teacher.destroy();
    before5b = entriesOf(await loadStoredDoc(server.storage, J5B), student.id);
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
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    // The periods the date is in: 5Б's quarter and 10А's half-year.
    const quarter = periodAt(school, 5, date)![0];
    const half = periodAt(school, 10, date)![0];
    const results5b = total(await report(`/api/reports/class-results?class=5b&period=${quarter}`));
    const results10a = total(await report(`/api/reports/class-results?class=10a&period=${half}`));
    // A parent of the student follows them to 10А.
    await server.storage.createUser({
      id: 'p-transfer',
      login: 'parent-transfer',
      name: 'Родитель',
      roles: ['parent'],
      passwordHash: '',
      disabled: false,
      studentLinks: [{ classId: '5b', studentId: student.id }],
    });
    // With the demo's own family accounts when the student is theirs (sync-server/demo/demo-family.ts).
    const linked = (await server.storage.listUsers()).filter((u) => u.studentLinks?.some((l) => l.studentId === student.id)).length;

    const res = await post('/api/students/transfer', { studentId: student.id, fromClassId: '5b', toClassId: '10a', date });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, studentId: student.id, accounts: linked });

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
    expect((await server.storage.findUserById('p-transfer'))?.studentLinks).toEqual([{ classId: '10a', studentId: student.id }]);

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
    expect(total(await report(`/api/reports/class-results?class=10a&period=${half}`))).toBe((results10a as number) + 1);

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
    // From the arrival, and on a day before today: a lesson that has begun (PERM-13).
    const afterArrival = russian.find((l) => l.date >= date && l.date < server.today());
    if (!afterArrival) throw new Error(`The demo has no 10А Russian lesson from ${date} to before ${server.today()}`);
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
