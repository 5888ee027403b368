import type * as Y from 'yjs';
import {
  assignTeacher,
  classes,
  groups,
  holidays,
  initJournal,
  lessonId,
  periods,
  putStudent,
  setAbsence,
  setAbsenceReason,
  setLessonField,
  setTimetableEntry,
  staff,
  subjects,
  type AbsenceMark,
  type AbsenceReason,
  type ClassId,
  type GroupId,
  type IsoDate,
  type LessonId,
  type ReportInput,
  type ReportParams,
  type SubjectId,
  type UserId,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, cls, d, ENGLISH, grp, newJournal, newSchool, SCHOOL, sid, subj, uid, YEAR } from '../model/fixtures.ts';

/**
 * The small school year behind the tests of REP-7 … REP-12 (2024/25, «Школа № 1»):
 *
 * Periods (grades 1–9): q1 01.09–27.10.2024, q2 05.11–28.12.2024. Holiday: Mon 04.11.2024.
 * Staff: t1 Смирнова (algebra, class teacher of 7А), t2 Новикова (English g1), t3 Фёдорова
 * (English g2), t4 Орлова (music), t5 Павлова (grade 1, class teacher of 1А).
 *
 * 7А (grade 7), weekly: Mon 1 algebra (t1), Mon 2 English g1 (t2) and g2 (t3) side by side;
 * Wed 1 algebra (t1), Wed 2 music (t4, pass/fail). November 2024 therefore has Mondays 11, 18,
 * 25 (the 4th is a holiday) and Wednesdays 6, 13, 20, 27; each student has 2 lessons a day.
 * 1А (grade 1, attendance only): Mon 1 reading, Mon 2 «окружающий мир», Wed 1 reading (t5).
 *
 * 7А roster: a Алексеев Антон (g1), b Борисова Вера (g2), n Новиков Павел (g1) all year;
 * c Волков Глеб (g1) arrived Wed 13.11; e Егорова Дина (g2) left Wed 20.11 (off the roster that
 * day); f Фролов Илья (g2) left 15.10; g Яковлев Яков (g1) arrives 02.12.
 * 1А roster: p Петров Пётр, q Кузнецова Ксения, all year.
 *
 * Attendance in 7А (reasons are the class teacher's, per day):
 * - a: Wed 30.10 algebra absent, no reason; Mon 11.11 algebra + English g1 absent, «Б» (his
 *   whole day); Wed 13.11 algebra absent, «У» (music attended); Wed 20.11 late to algebra;
 *   Wed 27.11 algebra + music absent, no reason (whole day).
 * - b: Mon 18.11 English g2 absent, «Н» (algebra attended); a stray absence on Mon 11.11
 *   English g1, a group she is not in.
 * - c: a stray absence on Mon 11.11 algebra (before he arrived); Wed 13.11 algebra + music
 *   absent, «Б» (whole day).
 * - e: Mon 18.11 algebra + English g2 absent, «О» (whole day); a stray absence on Wed 20.11
 *   algebra (her leaving day).
 * 1А: p absent Mon 11.11 reading + окружающий мир, «Б».
 *
 * Topics: algebra 11.11 «Квадратные уравнения», English g1 11.11 «Present Simple», algebra 13.11
 * «Теорема Виета», algebra 18.11 «Дискриминант», English g2 18.11 «Past Simple»; music 13.11
 * has none.
 */
export const C1A = cls('c1a');
export const MUSIC = subj('mus');
export const READING = subj('read');
export const WORLD = subj('world');
export const ALL = grp('all');
export const G1 = grp('g1');
export const G2 = grp('g2');
export const T = { t1: uid('t1'), t2: uid('t2'), t3: uid('t3'), t4: uid('t4'), t5: uid('t5') };

/** The lesson of a class's page on a date and slot. */
export const L = (date: string, slot: number, subjectId: SubjectId, groupId: GroupId = ALL): LessonId =>
  lessonId(d(date), slot, subjectId, groupId);

export interface Fixture {
  school: Y.Doc;
  j7a: Y.Doc;
  j1a: Y.Doc;
  input(params: ReportParams, today: string): ReportInput;
}

function schoolYear(): Y.Doc {
  const school = newSchool();
  periods.set(school, 'q1', { name: '1 четверть', startsOn: d('2024-09-01'), endsOn: d('2024-10-27'), minGrade: 1, maxGrade: 9 });
  periods.set(school, 'q2', { name: '2 четверть', startsOn: d('2024-11-05'), endsOn: d('2024-12-28'), minGrade: 1, maxGrade: 9 });
  holidays.set(school, 'unity', { name: 'День народного единства', startsOn: d('2024-11-04'), endsOn: d('2024-11-04') });
  const names: Record<string, string> = {
    t1: 'Смирнова Ольга Петровна',
    t2: 'Новикова Анна Сергеевна',
    t3: 'Фёдорова Мария Александровна',
    t4: 'Орлова Валентина Григорьевна',
    t5: 'Павлова Татьяна Ивановна',
  };
  for (const [id, name] of Object.entries(names)) staff.set(school, id, { name, short: name.split(' ')[0] });
  classes.set(school, CLASS_7A, { name: '7А', grade: 7, classTeacherId: T.t1 });
  classes.set(school, C1A, { name: '1А', grade: 1, classTeacherId: T.t5 });
  subjects.set(school, ALGEBRA, { name: 'Алгебра', marking: 'five' });
  subjects.set(school, ENGLISH, { name: 'Английский язык', marking: 'five' });
  subjects.set(school, MUSIC, { name: 'Музыка', marking: 'passfail' });
  subjects.set(school, READING, { name: 'Литературное чтение', marking: 'five' });
  subjects.set(school, WORLD, { name: 'Окружающий мир', marking: 'five' });
  groups.set(school, G1, { classId: CLASS_7A, subjectId: ENGLISH, name: 'Английский язык, 1 группа' });
  groups.set(school, G2, { classId: CLASS_7A, subjectId: ENGLISH, name: 'Английский язык, 2 группа' });
  const week: Array<[ClassId, number, number, SubjectId, GroupId, UserId]> = [
    [CLASS_7A, 1, 1, ALGEBRA, ALL, T.t1],
    [CLASS_7A, 1, 2, ENGLISH, G1, T.t2],
    [CLASS_7A, 1, 2, ENGLISH, G2, T.t3],
    [CLASS_7A, 3, 1, ALGEBRA, ALL, T.t1],
    [CLASS_7A, 3, 2, MUSIC, ALL, T.t4],
    [C1A, 1, 1, READING, ALL, T.t5],
    [C1A, 1, 2, WORLD, ALL, T.t5],
    [C1A, 3, 1, READING, ALL, T.t5],
  ];
  for (const [classId, weekday, slot, subjectId, groupId, teacherId] of week) {
    setTimetableEntry(school, { classId, weekday, slot, subjectId, groupId, teacherId, room: '1' });
    assignTeacher(school, { classId, subjectId, groupId, teacherId });
  }
  return school;
}

function journal7a(): Y.Doc {
  const j = newJournal(7);
  const student = (id: string, name: string, g: GroupId[], enrolledOn: string | null = null, leftOn: string | null = null) =>
    putStudent(j, { id: sid(id), name, groups: g, enrolledOn: enrolledOn ? d(enrolledOn) : null, leftOn: leftOn ? d(leftOn) : null });
  student('a', 'Алексеев Антон', [G1]);
  student('b', 'Борисова Вера', [G2]);
  student('n', 'Новиков Павел', [G1]);
  student('c', 'Волков Глеб', [G1], '2024-11-13');
  student('e', 'Егорова Дина', [G2], null, '2024-11-20');
  student('f', 'Фролов Илья', [G2], null, '2024-10-15');
  student('g', 'Яковлев Яков', [G1], '2024-12-02');
  const absent = (s: string, lesson: LessonId, mark: AbsenceMark = 'absent') => setAbsence(j, lesson, sid(s), mark);
  const reason = (s: string, date: string, r: AbsenceReason) => setAbsenceReason(j, sid(s), d(date), r);
  absent('a', L('2024-10-30', 1, ALGEBRA));
  absent('a', L('2024-11-11', 1, ALGEBRA));
  absent('a', L('2024-11-11', 2, ENGLISH, G1));
  reason('a', '2024-11-11', 'Б');
  absent('a', L('2024-11-13', 1, ALGEBRA));
  reason('a', '2024-11-13', 'У');
  absent('a', L('2024-11-20', 1, ALGEBRA), 'late');
  absent('a', L('2024-11-27', 1, ALGEBRA));
  absent('a', L('2024-11-27', 2, MUSIC));
  absent('b', L('2024-11-18', 2, ENGLISH, G2));
  reason('b', '2024-11-18', 'Н');
  absent('b', L('2024-11-11', 2, ENGLISH, G1));
  absent('c', L('2024-11-11', 1, ALGEBRA));
  absent('c', L('2024-11-13', 1, ALGEBRA));
  absent('c', L('2024-11-13', 2, MUSIC));
  reason('c', '2024-11-13', 'Б');
  absent('e', L('2024-11-18', 1, ALGEBRA));
  absent('e', L('2024-11-18', 2, ENGLISH, G2));
  reason('e', '2024-11-18', 'О');
  absent('e', L('2024-11-20', 1, ALGEBRA));
  setLessonField(j, L('2024-11-11', 1, ALGEBRA), 'topic', 'Квадратные уравнения');
  setLessonField(j, L('2024-11-11', 2, ENGLISH, G1), 'topic', 'Present Simple');
  setLessonField(j, L('2024-11-13', 1, ALGEBRA), 'topic', 'Теорема Виета');
  setLessonField(j, L('2024-11-18', 1, ALGEBRA), 'topic', 'Дискриминант');
  setLessonField(j, L('2024-11-18', 2, ENGLISH, G2), 'topic', 'Past Simple');
  return j;
}

function journal1a(): Y.Doc {
  const j = newJournal(1);
  // newJournal names the class 7А; 1А's journal carries its own meta.
  initJournal(j, { schoolId: SCHOOL, classId: C1A, yearId: YEAR, className: '1А', grade: 1 });
  putStudent(j, { id: sid('p'), name: 'Петров Пётр', groups: [], enrolledOn: null, leftOn: null });
  putStudent(j, { id: sid('q'), name: 'Кузнецова Ксения', groups: [], enrolledOn: null, leftOn: null });
  setAbsence(j, L('2024-11-11', 1, READING), sid('p'), 'absent');
  setAbsence(j, L('2024-11-11', 2, WORLD), sid('p'), 'absent');
  setAbsenceReason(j, sid('p'), d('2024-11-11'), 'Б');
  return j;
}

/** A fresh copy of the fixture; `input` gives the report input with 7А's and 1А's journals. */
export function fixture(): Fixture {
  const school = schoolYear();
  const j7a = journal7a();
  const j1a = journal1a();
  return {
    school,
    j7a,
    j1a,
    input: (params, today) => ({
      school,
      journals: new Map<ClassId, Y.Doc>(
        params.classId === undefined
          ? [
              [CLASS_7A, j7a],
              [C1A, j1a],
            ]
          : params.classId === C1A
            ? [[C1A, j1a]]
            : [[CLASS_7A, j7a]],
      ),
      params,
      today: d(today) as IsoDate,
    }),
  };
}
