import type * as Y from 'yjs';
import {
  assignTeacher,
  classes,
  holidays,
  ktpItems,
  periods,
  putStudent,
  setAbsence,
  setLessonField,
  setMark,
  setTimetableEntry,
  staff,
  subjects,
  substitutions,
  workTypes,
  type ClassId,
  type KtpItemId,
  type TimedRow,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, d, ENGLISH, grp, lid, mark, newJournal, newSchool, sid, subj, uid } from '../model/fixtures.ts';

export const MUSIC = subj('mus');
export const L1 = lid('241104.1.alg'); // Monday 4.11: recorded on time
export const L2 = lid('241106.2.alg'); // Wednesday 6.11: topic late, corrected later
export const L3 = lid('241113.2.alg'); // Wednesday 13.11: substituted, nothing recorded
export const E1 = lid('241105.3.eng.g1'); // Tuesday 5.11: a topic and a mark, no history
export const M1 = lid('241107.4.mus'); // Thursday 7.11: pass/fail marks
/** Moscow is UTC+3 (TIME-1 default): 19:00 of a lesson day is 16:00Z. */
const at = (iso: string) => Date.parse(iso);

/**
 * 7А (grade 7) in the 2nd quarter 04.11–15.11.2024, asked on Thursday 14.11 (so lessons up to
 * Wednesday 13.11 count). Monday 11.11 is a holiday.
 * - Algebra (t1): Mondays slot 1, Wednesdays slot 2 → held 4.11 (L1), 6.11 (L2), 13.11 (L3).
 * - English, group g1 (t2): Tuesdays slot 3 → 5.11 (E1), 12.11.
 * - Music, pass/fail (t4): Thursdays slot 4 → 7.11 (M1); 14.11 is today, not counted.
 * Students: a (g1), b (g2, left 10.11), c (g2), d (g2, arrived 12.11), e (g1).
 */
export function monitoringSchool(grade = 7): { school: Y.Doc; journal: Y.Doc; rows: TimedRow[] } {
  const school = newSchool();
  const journal = newJournal(grade);
  periods.set(school, 'q2', { name: '2 четверть', startsOn: d('2024-11-04'), endsOn: d('2024-11-15'), minGrade: 1, maxGrade: 9 });
  periods.set(school, 'h1', { name: '1 полугодие', startsOn: d('2024-09-01'), endsOn: d('2024-12-28'), minGrade: 10, maxGrade: 11 });
  holidays.set(school, 'hol', { name: 'Каникулы', startsOn: d('2024-11-11'), endsOn: d('2024-11-11') });
  classes.set(school, CLASS_7A, { name: '7А', grade, classTeacherId: null });
  subjects.set(school, ALGEBRA, { name: 'Алгебра', marking: 'five' });
  subjects.set(school, ENGLISH, { name: 'Английский язык', marking: 'five' });
  subjects.set(school, MUSIC, { name: 'Музыка', marking: 'passfail' });
  workTypes.set(school, 'oral', { name: 'Устный ответ', short: 'У', weight: 1 });
  workTypes.set(school, 'test', { name: 'Контрольная работа', short: 'К', weight: 2, deadlineDays: 3 });
  for (const [id, name] of [
    ['t1', 'Андреева Анна'],
    ['t2', 'Борисов Борис'],
    ['t4', 'Власова Вера'],
    ['t9', 'Гаврилов Глеб'],
  ]) {
    staff.set(school, id, { name, short: name });
  }
  const all = grp('all');
  assignTeacher(school, { classId: CLASS_7A, subjectId: ALGEBRA, groupId: all, teacherId: uid('t1') });
  assignTeacher(school, { classId: CLASS_7A, subjectId: ENGLISH, groupId: grp('g1'), teacherId: uid('t2') });
  assignTeacher(school, { classId: CLASS_7A, subjectId: MUSIC, groupId: all, teacherId: uid('t4') });
  const tt = (weekday: number, slot: number, subjectId: typeof ALGEBRA, groupId: string, teacherId: string) =>
    setTimetableEntry(school, { classId: CLASS_7A, weekday, slot, subjectId, groupId: grp(groupId), teacherId: uid(teacherId), room: '1' });
  tt(1, 1, ALGEBRA, 'all', 't1');
  tt(3, 2, ALGEBRA, 'all', 't1');
  tt(2, 3, ENGLISH, 'g1', 't2');
  tt(4, 4, MUSIC, 'all', 't4');
  substitutions.set(school, 's1', {
    date: d('2024-11-13'),
    slot: 2,
    classId: CLASS_7A,
    subjectId: ALGEBRA,
    groupId: all,
    teacherId: uid('t9'),
    absentTeacherId: uid('t1'),
  });
  // КТП of algebra: 60 hours (more than the year's lessons so far); of English: 10 hours.
  ktpItems.set(school, 'k1', { teacherId: uid('t1'), subjectId: ALGEBRA, grade, order: 0, title: 'Дроби', hours: 30, kind: 'lesson' });
  ktpItems.set(school, 'k2', { teacherId: uid('t1'), subjectId: ALGEBRA, grade, order: 1, title: 'Уравнения', hours: 30, kind: 'lesson' });
  ktpItems.set(school, 'k3', {
    teacherId: uid('t2'),
    subjectId: ENGLISH,
    grade,
    order: 0,
    title: 'Present Simple',
    hours: 10,
    kind: 'lesson',
  });

  const student = (id: string, name: string, g: string, enrolledOn: string | null = null, leftOn: string | null = null) =>
    putStudent(journal, {
      id: sid(id),
      name,
      groups: [grp(g)],
      enrolledOn: enrolledOn ? d(enrolledOn) : null,
      leftOn: leftOn ? d(leftOn) : null,
    });
  student('a', 'Алексеев А', 'g1');
  student('b', 'Борисова Б', 'g2', null, '2024-11-10');
  student('c', 'Васильев В', 'g2');
  student('dd', 'Григорьева Г', 'g2', '2024-11-12');
  student('e', 'Дмитриев Д', 'g1');

  setLessonField(journal, L1, 'topic', 'Дроби');
  setLessonField(journal, L1, 'homework', '№ 1–3');
  setLessonField(journal, L1, 'ktpItemId', 'k1' as KtpItemId);
  setMark(journal, L1, sid('a'), 0, mark(5));
  setMark(journal, L1, sid('b'), 0, mark(4, 'test', 2));
  setAbsence(journal, L1, sid('c'), 'absent');
  setLessonField(journal, L2, 'topic', 'Линейные уравнения');
  setLessonField(journal, L2, 'attendanceChecked', true);
  setMark(journal, L2, sid('a'), 0, mark(3));
  setMark(journal, L2, sid('c'), 0, mark(5));
  setLessonField(journal, E1, 'topic', 'Present Simple');
  setMark(journal, E1, sid('e'), 0, mark(5));
  setLessonField(journal, M1, 'topic', 'Песня');
  setMark(journal, M1, sid('a'), 0, mark('P'));
  setMark(journal, M1, sid('c'), 0, mark('F'));
  setMark(journal, M1, sid('e'), 0, mark('P'));

  const row = (
    path: string,
    newValue: unknown,
    serverTime: number,
    clientTime: number | null = null,
    clockOffsetMs: number | null = null,
  ): TimedRow => ({
    path,
    newValue,
    serverTime,
    clientTime,
    clockOffsetMs,
  });
  const rows = [
    // L1's topic at 18:00 MSK on the day: on time.
    row(`lessons/${L1}:topic`, 'Дроби', at('2024-11-04T15:00:00Z')),
    // a's 5 typed offline at 15:00 MSK by a checked clock, synced next morning: on time by the client (TIME-5).
    row(`marks/${L1}:a:0`, [5, 'oral', 1], at('2024-11-05T06:00:00Z'), at('2024-11-04T12:00:00Z'), 0),
    // b's test mark two days later: within the 3 days of a written work (TIME-2).
    row(`marks/${L1}:b:0`, [4, 'test', 2], at('2024-11-06T09:00:00Z')),
    // L2's topic at 20:00 MSK, after 19:00: late; corrected the next day (the correction does not move it).
    row(`lessons/${L2}:topic`, 'Уравнения', at('2024-11-06T17:00:00Z')),
    row(`lessons/${L2}:topic`, 'Линейные уравнения', at('2024-11-07T08:00:00Z')),
    // a's oral 3 the next morning, clock not checked: late by the server's time.
    row(`marks/${L2}:a:0`, [3, 'oral', 1], at('2024-11-07T07:00:00Z')),
    // c's 5 on L2, E1 and M1 entries: no change rows (loaded with the journal) — unknown.
  ];
  return { school, journal, rows };
}

export const TODAY = d('2024-11-14');
export const journalsOf = (journal: Y.Doc) => new Map<ClassId, Y.Doc>([[CLASS_7A, journal]]);
