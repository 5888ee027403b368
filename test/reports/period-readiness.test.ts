import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignTeacher,
  classes,
  isEnrolledOn,
  listStudents,
  markToTuple,
  pageLessons,
  periodReadiness,
  periods,
  putStudent,
  readFinal,
  readLesson,
  setFinal,
  setLessonField,
  setTimetableEntry,
  subjects,
  WHOLE_CLASS,
  type ClassId,
  type PeriodId,
  type SubjectId,
  type WorkTypeId,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, d, grp, lid, newJournal, newSchool, sid, uid } from '../model/fixtures.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';
import { cutoffOf, periodsOfToday, schoolDay } from './period-of-today.ts';

describe('readiness before a period is closed', () => {
  it('CLOSE-1: lessons held without a topic up to the cutoff, students on the page at the end without a final; grade 1 has no finals to miss', () => {
    const school = newSchool();
    const journal = newJournal();
    periods.set(school, 'q1', { name: '1 четверть', startsOn: d('2024-09-02'), endsOn: d('2024-09-13'), minGrade: 1, maxGrade: 9 });
    classes.set(school, CLASS_7A, { name: '7А', grade: 7, classTeacherId: null });
    subjects.set(school, ALGEBRA, { name: 'Алгебра', marking: 'five' });
    assignTeacher(school, { classId: CLASS_7A, subjectId: ALGEBRA, groupId: grp('all'), teacherId: uid('t1') });
    // Algebra on Mondays (2.09, 9.09) and Wednesdays (4.09, 11.09), slot 1.
    for (const weekday of [1, 3])
      setTimetableEntry(school, {
        classId: CLASS_7A,
        weekday,
        slot: 1,
        subjectId: ALGEBRA,
        groupId: grp('all'),
        teacherId: uid('t1'),
        room: '12',
      });
    putStudent(journal, { id: sid('a'), name: 'Алексеев А', groups: [], enrolledOn: null, leftOn: null });
    putStudent(journal, { id: sid('b'), name: 'Борисова Б', groups: [], enrolledOn: null, leftOn: d('2024-09-10') });
    putStudent(journal, { id: sid('c'), name: 'Васильев В', groups: [], enrolledOn: d('2024-09-05'), leftOn: null });
    setLessonField(journal, lid('240902.1.alg'), 'topic', 'Повторение');
    setLessonField(journal, lid('240904.1.alg'), 'topic', 'Дроби');
    setFinal(journal, ALGEBRA, grp('all'), 'q1' as never, sid('a'), 5);
    // On 10.09 (the period runs): lessons held 2, 4, 9 — 9.09 without a topic; b left on 10.09, c must still get a final.
    const [page] = periodReadiness(school, journal, CLASS_7A, 7, 'q1' as never, periods.get(school, 'q1')!, d('2024-09-10'));
    expect(page.lessonsWithoutTopic).toEqual([{ lessonId: '240909.1.alg', date: '2024-09-09' }]);
    expect(page.lastLesson).toBe('2024-09-09');
    expect(page.withoutFinal.map((s) => s.studentId)).toEqual(['c']);
    // After the end: 11.09 held without a topic too.
    const [after] = periodReadiness(school, journal, CLASS_7A, 7, 'q1' as never, periods.get(school, 'q1')!, d('2024-09-13'));
    expect(after.lessonsWithoutTopic.map((l) => l.date)).toEqual(['2024-09-09', '2024-09-11']);
    const [grade1] = periodReadiness(school, journal, CLASS_7A, 1, 'q1' as never, periods.get(school, 'q1')!, d('2024-09-13'));
    expect(grade1.withoutFinal).toEqual([]);
  });
});

describe('readiness over HTTP (CLOSE-2)', () => {
  /** The demo as a lived-in school on DEMO_FIXTURE_DAY: q1 is over, its topics written. */
  let server: TestServer;
  /** The demo seeded on the process's day (JOURNAL_CLOCK or the real one): the test of what "today" changes. */
  let live: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    live = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
    await live.dispose();
  });
  const readiness = async (login: string, q: string, s = server) => {
    const res = await fetch(`${s.origin}/api/periods/readiness?${q}`, { headers: { cookie: await s.login(login) } });
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & { pages: Array<Record<string, unknown>>; ready: boolean },
    };
  };

  // Closing q1, a period over with its topics written, on the fixture server.
  it('CLOSE-2: the deputy sees what is missing per subject; a teacher’s removed topic shows up at once; others are refused', async () => {
    const before = await readiness('deputy', 'class=5b&period=q1');
    expect(before.status).toBe(200);
    const maths = () => before.body.pages.find((p) => p.subjectId === 'math')!;
    expect(maths()).toMatchObject({ teacherName: 'Смирнова Ольга Петровна' });
    const teacher = connectClient(server, 'journal/5b/2026', await server.login('teacher'), { ext: true });
    await synced(teacher);
    const key = [...teacher.doc.getMap('lessons').keys()].find((k) => k.startsWith('2609') && k.includes('.math:topic'))!;
    teacher.doc.transact(() => teacher.doc.getMap('lessons').set(key, ''));
    // A refused change in the period too: a mark on a maths lesson by the deputy (PERM-12).
    const deputy = connectClient(server, 'journal/5b/2026', await server.login('deputy'), { ext: true });
    await synced(deputy);
    deputy.doc.transact(() =>
      deputy.doc.getMap('marks').set(`${key.split(':')[0]}:zzzzzz:3`, markToTuple({ v: 5, t: 'oral' as WorkTypeId, w: 1 })),
    );
    await waitFor(() => expect(deputy.rejects.length).toBeGreaterThan(0));
    await waitFor(() => expect(teacher.acks.length).toBeGreaterThan(1));
    const after = await readiness('deputy', 'class=5b&period=q1');
    const m = after.body.pages.find((p) => p.subjectId === 'math')! as {
      lessonsWithoutTopic: Array<{ lessonId: string }>;
      lastChangeAt: number | null;
    };
    expect(m.lessonsWithoutTopic.map((l) => l.lessonId)).toContain(key.split(':')[0]);
    expect(m.lastChangeAt).not.toBeNull();
    expect(after.body.ready).toBe(false);
    expect((after.body.refused as unknown[]).length).toBeGreaterThan(0);
    expect((await readiness('teacher', 'class=5b&period=q1')).status).toBe(403);
    expect((await readiness('deputy', 'class=zz&period=q1')).status).toBe(400);
    expect((await readiness('deputy', 'class=5b&period=h1')).status).toBe(400);
    teacher.destroy();
    deputy.destroy();
  });

  // Reads "today" (the live server): the period checked, and up to which day, is what the date changes.
  it('CLOSE-2 on the demo of today: the period of today is checked up to today (to its end once over); before the year, its first, with nothing held yet', async () => {
    const school = await loadStoredDoc(live.storage, 'school/demo/2026');
    const journal = await loadStoredDoc(live.storage, 'journal/5b/2026');
    const today = schoolDay(live.clock.now(), school);
    const { current, all } = periodsOfToday(school, 5, today);
    const [periodId, period] = current ?? all[0];
    const { status, body } = await readiness('deputy', `class=5b&period=${periodId}`, live);
    expect(status).toBe(200);
    const cutoff = cutoffOf(period, today);
    expect(body.cutoff).toBe(cutoff);
    const held = pageLessons(school, journal, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS).filter(
      (l) => l.date >= period.startsOn && l.date <= cutoff,
    );
    if (!current) expect(held).toEqual([]);
    const maths = body.pages.find((p) => p.subjectId === 'math') as {
      lessonsWithoutTopic: Array<{ lessonId: string; date: string }>;
      lastLesson: string | null;
      withoutFinal: Array<{ studentId: string }>;
    };
    // The demo writes its lessons before today: one held today (the cutoff while the period runs) has no topic yet.
    const untopical = held.filter((l) => readLesson(journal, l.id).topic.trim() === '');
    expect(maths.lessonsWithoutTopic).toEqual(untopical.map((l) => ({ lessonId: l.id, date: l.date })));
    expect(maths.lastLesson).toBe(held.at(-1)?.date ?? null);
    // Students on the page at the cutoff without a final of the period (the demo sets them once a period is over).
    const unfinished = listStudents(journal)
      .filter((s) => isEnrolledOn(s, cutoff) && readFinal(journal, 'math' as SubjectId, WHOLE_CLASS, periodId as PeriodId, s.id) === null)
      .map((s) => s.id);
    expect(maths.withoutFinal.map((s) => s.studentId).sort()).toEqual(unfinished.sort());
    if (untopical.length > 0 || maths.withoutFinal.length > 0) expect(body.ready).toBe(false);
  });
});
