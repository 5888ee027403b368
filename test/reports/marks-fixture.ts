import * as Y from 'yjs';
import {
  assignTeacher,
  classes,
  groups,
  holidays,
  ktpItems,
  lessonId,
  periods,
  putStudent,
  setAbsence,
  setFinal,
  setLessonField,
  setMark,
  setTimetableEntry,
  subjects,
  workTypes,
  YEAR_FINAL,
  type GroupId,
  type IsoDate,
  type LessonId,
  type MarkValue,
  type PeriodId,
  type ReportInput,
  type StudentId,
  type SubjectId,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, d, ENGLISH, grp, newJournal, newSchool, sid, subj, uid, wt } from '../model/fixtures.ts';

/**
 * The class 7А of 2024/25 that the tests of REP-2 … REP-6 share, small enough to compute by hand.
 *
 * Periods for grades 2–9: q1 02.09–27.10.2024, q2 11.11–27.12.2024 (grade 1 has p1 with q2's
 * days); winter holidays from 25.12. Timetable: Algebra on Mondays (slot 1), English in two groups
 * on Tuesdays (slot 2), Music — pass/fail — on Wednesdays (slot 3).
 * Students: a, b, c in English group g1; dd, e in g2 (f was in g2); e arrived 01.12.2024,
 * f left 10.12.2024. Work types: oral (1), indep (2), control «Контрольная работа» (3),
 * dictation «Диктант» (3). Marks of q2, as `value(weight)` in date order:
 *
 * | student | Algebra                                    | English                           | Music           |
 * | a       | 5(1) 11.11 · 4(3) 18.11 КР · 5(2) 25.11    | g1: 5(3) 4(3) 12.11 КД · 5(1) 19.11 | зч зч нз        |
 * | b       | 4(1) · 3(3) КР + 5(1) oral · 2(1) 02.12    | g1: 3(3) 3(3) КД · 4(1) 26.11      | зч нз нз        |
 * | c       | 2(1) · 2(3) КР · 1(1) 09.12                | g1: 2(3) КД + 5(1) oral · 2(1) 19.11 | нз              |
 * | dd      | 5(3) КР · 4(1) 25.11                       | g2: 4(1) 12.11 · 4(1) 19.11 · 5(1) 26.11 | зч зч зч    |
 * | e       | 5(1) 02.12 · 4(1) 09.12 · 2(1) 16.12       | —                                  | —               |
 * | f       | absent on 18.11 (КР)                       | —                                  | нз 13.11        |
 *
 * КР = the control work of 18.11 (work type control); КД = English g1's 12.11 lesson, work type
 * dictation, КТП item of kind `control` without a topic written; Music's 13.11 lesson has work
 * type control. Absences: c on Algebra 25.11; dd on Algebra 02.12 and 09.12; e on Music 04.12;
 * f on Algebra 18.11.
 */
export const MUSIC = subj('mus');
export const Q1 = 'q1' as PeriodId;
export const Q2 = 'q2' as PeriodId;
export const G1 = grp('g1');
export const G2 = grp('g2');
const ALL = grp('all');

export const lesson = (date: string, slot: number, subjectId: SubjectId, groupId: GroupId = ALL): LessonId =>
  lessonId(d(date), slot, subjectId, groupId);
export const alg = (date: string) => lesson(date, 1, ALGEBRA);
export const eng = (date: string, g: GroupId) => lesson(date, 2, ENGLISH, g);
export const mus = (date: string) => lesson(date, 3, MUSIC);

function schoolYear(): Y.Doc {
  const school = newSchool();
  periods.set(school, 'q1', { name: '1 четверть', startsOn: d('2024-09-02'), endsOn: d('2024-10-27'), minGrade: 2, maxGrade: 9 });
  periods.set(school, 'q2', { name: '2 четверть', startsOn: d('2024-11-11'), endsOn: d('2024-12-27'), minGrade: 2, maxGrade: 9 });
  periods.set(school, 'p1', { name: '2 четверть', startsOn: d('2024-11-11'), endsOn: d('2024-12-27'), minGrade: 1, maxGrade: 1 });
  holidays.set(school, 'winter', { name: 'Зимние каникулы', startsOn: d('2024-12-25'), endsOn: d('2025-01-08') });
  subjects.set(school, ALGEBRA, { name: 'Алгебра', marking: 'five' });
  subjects.set(school, ENGLISH, { name: 'Английский язык', marking: 'five' });
  subjects.set(school, MUSIC, { name: 'Музыка', marking: 'passfail' });
  workTypes.set(school, 'oral', { name: 'Устный ответ', short: 'УО', weight: 1 });
  workTypes.set(school, 'indep', { name: 'Самостоятельная работа', short: 'СР', weight: 2 });
  workTypes.set(school, 'control', { name: 'Контрольная работа', short: 'КР', weight: 3 });
  workTypes.set(school, 'dictation', { name: 'Диктант', short: 'Д', weight: 3 });
  groups.set(school, 'g1', { classId: CLASS_7A, subjectId: ENGLISH, name: 'Английский язык, 1 группа' });
  groups.set(school, 'g2', { classId: CLASS_7A, subjectId: ENGLISH, name: 'Английский язык, 2 группа' });
  const teach = (subjectId: SubjectId, groupId: GroupId, teacher: string, weekday: number, slot: number) => {
    assignTeacher(school, { classId: CLASS_7A, subjectId, groupId, teacherId: uid(teacher) });
    setTimetableEntry(school, { classId: CLASS_7A, weekday, slot, subjectId, groupId, teacherId: uid(teacher), room: '1' });
  };
  teach(ALGEBRA, ALL, 't1', 1, 1);
  teach(ENGLISH, G1, 't2', 2, 2);
  teach(ENGLISH, G2, 't3', 2, 2);
  teach(MUSIC, ALL, 't4', 3, 3);
  ktpItems.set(school, 'kd1', {
    teacherId: uid('t2'),
    subjectId: ENGLISH,
    grade: 7,
    order: 5,
    title: 'Контрольный диктант',
    hours: 1,
    kind: 'control',
  });
  return school;
}

function fillMarks(journal: Y.Doc): void {
  const marks = (l: LessonId, s: string, ...list: Array<[MarkValue, string]>) =>
    list.forEach(([v, t], n) =>
      setMark(journal, l, s as StudentId, n, { v, t: wt(t), w: { oral: 1, indep: 2, control: 3, dictation: 3 }[t]! }),
    );
  // Algebra.
  setLessonField(journal, alg('2024-11-11'), 'topic', 'Линейные уравнения');
  marks(alg('2024-11-11'), 'a', [5, 'oral']);
  marks(alg('2024-11-11'), 'b', [4, 'oral']);
  marks(alg('2024-11-11'), 'c', [2, 'oral']);
  setLessonField(journal, alg('2024-11-18'), 'topic', 'Контрольная работа № 2');
  setLessonField(journal, alg('2024-11-18'), 'workType', wt('control'));
  marks(alg('2024-11-18'), 'a', [4, 'control']);
  marks(alg('2024-11-18'), 'b', [3, 'control'], [5, 'oral']);
  marks(alg('2024-11-18'), 'c', [2, 'control']);
  marks(alg('2024-11-18'), 'dd', [5, 'control']);
  setAbsence(journal, alg('2024-11-18'), sid('f'), 'absent');
  setLessonField(journal, alg('2024-11-25'), 'topic', 'Самостоятельная работа по теме «Уравнения»');
  setLessonField(journal, alg('2024-11-25'), 'workType', wt('indep'));
  marks(alg('2024-11-25'), 'a', [5, 'indep']);
  marks(alg('2024-11-25'), 'dd', [4, 'oral']);
  setAbsence(journal, alg('2024-11-25'), sid('c'), 'absent');
  setLessonField(journal, alg('2024-12-02'), 'topic', 'Системы уравнений');
  marks(alg('2024-12-02'), 'b', [2, 'oral']);
  marks(alg('2024-12-02'), 'e', [5, 'oral']);
  setAbsence(journal, alg('2024-12-02'), sid('dd'), 'absent');
  marks(alg('2024-12-09'), 'c', [1, 'oral']);
  marks(alg('2024-12-09'), 'e', [4, 'oral']);
  setAbsence(journal, alg('2024-12-09'), sid('dd'), 'absent');
  marks(alg('2024-12-16'), 'e', [2, 'oral']);
  // English, group 1: the control dictation of 12.11 by the КТП, no topic written.
  setLessonField(journal, eng('2024-11-12', G1), 'ktpItemId', 'kd1' as never);
  setLessonField(journal, eng('2024-11-12', G1), 'workType', wt('dictation'));
  marks(eng('2024-11-12', G1), 'a', [5, 'dictation'], [4, 'dictation']);
  marks(eng('2024-11-12', G1), 'b', [3, 'dictation'], [3, 'dictation']);
  marks(eng('2024-11-12', G1), 'c', [2, 'dictation'], [5, 'oral']);
  setLessonField(journal, eng('2024-11-19', G1), 'topic', 'Present Simple');
  marks(eng('2024-11-19', G1), 'a', [5, 'oral']);
  marks(eng('2024-11-19', G1), 'c', [2, 'oral']);
  marks(eng('2024-11-26', G1), 'b', [4, 'oral']);
  // English, group 2.
  marks(eng('2024-11-12', G2), 'dd', [4, 'oral']);
  marks(eng('2024-11-19', G2), 'dd', [4, 'oral']);
  marks(eng('2024-11-26', G2), 'dd', [5, 'oral']);
  // Music (pass/fail): the control work of 13.11.
  setLessonField(journal, mus('2024-11-13'), 'topic', 'Музыкальные жанры');
  setLessonField(journal, mus('2024-11-13'), 'workType', wt('control'));
  for (const [s, v] of [
    ['a', 'P'],
    ['b', 'P'],
    ['c', 'F'],
    ['dd', 'P'],
    ['f', 'F'],
  ] as const)
    marks(mus('2024-11-13'), s, [v, 'control']);
  setLessonField(journal, mus('2024-11-20'), 'topic', 'Песня');
  for (const [s, v] of [
    ['a', 'P'],
    ['b', 'F'],
    ['dd', 'P'],
  ] as const)
    marks(mus('2024-11-20'), s, [v, 'oral']);
  for (const [s, v] of [
    ['a', 'F'],
    ['b', 'F'],
    ['dd', 'P'],
  ] as const)
    marks(mus('2024-11-27'), s, [v, 'oral']);
  setAbsence(journal, mus('2024-12-04'), sid('e'), 'absent');
}

/** The finals the tests of REP-2 read: q1 and the year, one student in two English groups, one not on the roster. */
function fillFinals(journal: Y.Doc): void {
  const fin = (subjectId: SubjectId, g: GroupId, p: PeriodId, s: string, v: MarkValue) =>
    setFinal(journal, subjectId, g, p, s as StudentId, v);
  fin(ALGEBRA, ALL, Q1, 'a', 5);
  fin(ALGEBRA, ALL, Q1, 'b', 4);
  fin(ALGEBRA, ALL, Q1, 'c', 2);
  fin(ALGEBRA, ALL, Q1, 'dd', 3);
  fin(ALGEBRA, ALL, Q1, 'f', 5);
  fin(ALGEBRA, ALL, YEAR_FINAL, 'a', 5);
  fin(ENGLISH, G1, Q1, 'a', 5);
  fin(ENGLISH, G1, Q1, 'dd', 3);
  fin(ENGLISH, G2, Q1, 'dd', 4);
  fin(MUSIC, ALL, Q1, 'a', 'P');
  fin(MUSIC, ALL, Q1, 'b', 'F');
  fin(MUSIC, ALL, Q1, 'zz', 'P');
}

/** 7А's school year and journal as a report's input; grade 1 gets no marks and no finals (attendance only). */
export function reportInput(opts: { grade?: number; today?: string; periodId?: string } = {}): ReportInput {
  const grade = opts.grade ?? 7;
  const school = schoolYear();
  classes.set(school, CLASS_7A, { name: grade === 1 ? '1А' : '7А', grade, classTeacherId: uid('t1') });
  const journal = newJournal(grade);
  const student = (id: string, name: string, g: GroupId[], enrolledOn: IsoDate | null = null, leftOn: IsoDate | null = null) =>
    putStudent(journal, { id: sid(id), name, groups: g, enrolledOn, leftOn });
  student('a', 'Алексеев Антон', [G1]);
  student('b', 'Борисова Белла', [G1]);
  student('c', 'Васильев Виктор', [G1]);
  student('dd', 'Григорьева Галина', [G2]);
  student('e', 'Дмитриев Денис', [G2], d('2024-12-01'));
  student('f', 'Егорова Елена', [G2], null, d('2024-12-10'));
  if (grade === 1) {
    // Grade 1: a control work by its work type, attendance only.
    setLessonField(journal, alg('2024-11-18'), 'workType', wt('control'));
    setAbsence(journal, alg('2024-11-18'), sid('f'), 'absent');
  } else {
    fillMarks(journal);
    fillFinals(journal);
  }
  return {
    school,
    journals: new Map([[CLASS_7A, journal]]),
    params: { classId: CLASS_7A, periodId: opts.periodId ?? (grade === 1 ? 'p1' : 'q2') },
    today: d(opts.today ?? '2024-12-13'),
  };
}
