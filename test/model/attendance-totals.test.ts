import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  attendanceTotals,
  classLessons,
  initSchoolYear,
  journalAttendance,
  lessonId,
  listStudents,
  putStudent,
  reasonCategory,
  setAbsence,
  setAbsenceReason,
  setTimetableEntry,
  studentDay,
  subjects,
  sumAttendanceTotals,
  type AbsenceMark,
  type GroupId,
  type IsoDate,
  type SubjectId,
} from '../../model/index.ts';
import { ALGEBRA, CLASS_7A, d, ENGLISH, grp, newJournal, SCHOOL, sid, subj, uid, YEAR } from './fixtures.ts';

const ALL = grp('all');
const G1 = grp('g1');
const RUSSIAN = subj('rus');

/**
 * One school week, Mon 2 – Fri 6 Sep 2024 (the range counted), and Mon 9 Sep outside it:
 *   Mon: 1 algebra, 2 English (group g1 only), 3 Russian · Tue: 1 algebra, 2 Russian
 *   Wed: 1 English (g1), 2 algebra · Thu: 1 algebra, 2 Russian · Fri: 1 algebra · Mon 9: 1 algebra
 */
const WEEK: Array<[string, number, SubjectId, GroupId]> = [
  ['2024-09-02', 1, ALGEBRA, ALL],
  ['2024-09-02', 2, ENGLISH, G1],
  ['2024-09-02', 3, RUSSIAN, ALL],
  ['2024-09-03', 1, ALGEBRA, ALL],
  ['2024-09-03', 2, RUSSIAN, ALL],
  ['2024-09-04', 1, ENGLISH, G1],
  ['2024-09-04', 2, ALGEBRA, ALL],
  ['2024-09-05', 1, ALGEBRA, ALL],
  ['2024-09-05', 2, RUSSIAN, ALL],
  ['2024-09-06', 1, ALGEBRA, ALL],
  ['2024-09-09', 1, ALGEBRA, ALL],
];
const lessons = WEEK.map(([date, slot, subjectId, groupId]) => ({
  id: lessonId(d(date), slot, subjectId, groupId),
  date: d(date),
  groupId,
}));
const L = (date: string, slot: number) => lessons.find((l) => l.date === date && Number(l.id.split('.')[1]) === slot)!.id;
const RANGE = { from: d('2024-09-02'), to: d('2024-09-06') };

/**
 * Four students:
 * А (g1, all week): ill (Б) all Monday; skips Tuesday's algebra, no reason; late to Wednesday's
 *   English; away all Thursday, reason Н; absent on Mon 9 Sep (outside the range).
 * Б (no group, so no English): away Monday's two lessons, reason У (the whole day: English is
 *   not hers, and a stray mark on it does not count); skips Wednesday's only lesson of hers.
 * В (g1) arrived on Wed 4 Sep: a stray mark before that; late Wednesday; ill (Б) all Thursday.
 * Г (g1) left on Wed 4 Sep (that day is off the roster): away all Tuesday with «О»; a stray mark Thursday.
 */
function journal(): Y.Doc {
  const doc = newJournal();
  putStudent(doc, { id: sid('sa'), name: 'Антонов Артём', groups: [G1], enrolledOn: null, leftOn: null });
  putStudent(doc, { id: sid('sb'), name: 'Борисова Белла', groups: [], enrolledOn: null, leftOn: null });
  putStudent(doc, { id: sid('sv'), name: 'Волков Вадим', groups: [G1], enrolledOn: d('2024-09-04'), leftOn: null });
  putStudent(doc, { id: sid('sg'), name: 'Громова Гала', groups: [G1], enrolledOn: null, leftOn: d('2024-09-04') });
  const mark = (student: string, date: string, slot: number, m: AbsenceMark = 'absent') => setAbsence(doc, L(date, slot), sid(student), m);
  for (const slot of [1, 2, 3]) mark('sa', '2024-09-02', slot);
  setAbsenceReason(doc, sid('sa'), d('2024-09-02'), 'Б');
  mark('sa', '2024-09-03', 1);
  mark('sa', '2024-09-04', 1, 'late');
  for (const slot of [1, 2]) mark('sa', '2024-09-05', slot);
  setAbsenceReason(doc, sid('sa'), d('2024-09-05'), 'Н');
  mark('sa', '2024-09-09', 1);

  for (const slot of [1, 2, 3]) mark('sb', '2024-09-02', slot);
  setAbsenceReason(doc, sid('sb'), d('2024-09-02'), 'У');
  mark('sb', '2024-09-04', 2);

  mark('sv', '2024-09-02', 1);
  mark('sv', '2024-09-04', 2, 'late');
  for (const slot of [1, 2]) mark('sv', '2024-09-05', slot);
  setAbsenceReason(doc, sid('sv'), d('2024-09-05'), 'Б');

  for (const slot of [1, 2]) mark('sg', '2024-09-03', slot);
  setAbsenceReason(doc, sid('sg'), d('2024-09-03'), 'О');
  mark('sg', '2024-09-05', 1);
  return doc;
}

const tally = (missed: number, ill: number, excused: number, unexcused: number) => ({ missed, ill, excused, unexcused });

describe('attendance totals', () => {
  it('ATT-7: Б counts as ill, У as excused; Н, О and no reason as unexcused', () => {
    expect(reasonCategory('Б')).toBe('ill');
    expect(reasonCategory('У')).toBe('excused');
    expect(reasonCategory('Н')).toBe('unexcused');
    expect(reasonCategory('О')).toBe('unexcused');
    expect(reasonCategory(null)).toBe('unexcused');
  });

  it('ATT-5, ATT-6: a student’s day counts only the lessons they had; missing all of them is a missed day', () => {
    const doc = journal();
    const [a, b, v, g] = ['sa', 'sb', 'sv', 'sg'].map((id) => listStudents(doc).find((s) => s.id === id)!);
    const src = journalAttendance(doc);
    expect(studentDay(src, a, d('2024-09-02'), lessons)).toEqual({
      date: '2024-09-02',
      lessons: 3,
      missed: 3,
      late: 0,
      reason: 'Б',
      wholeDay: true,
    });
    expect(studentDay(src, a, d('2024-09-03'), lessons)).toMatchObject({ lessons: 2, missed: 1, wholeDay: false, reason: null });
    expect(studentDay(src, a, d('2024-09-04'), lessons)).toMatchObject({ lessons: 2, missed: 0, late: 1, wholeDay: false });
    // Б has no English: her Monday is two lessons, both missed.
    expect(studentDay(src, b, d('2024-09-02'), lessons)).toMatchObject({ lessons: 2, missed: 2, wholeDay: true, reason: 'У' });
    expect(studentDay(src, b, d('2024-09-04'), lessons)).toMatchObject({ lessons: 1, missed: 1, wholeDay: true });
    // Before the arrival and from the departure on, no lessons at all: never a missed day.
    expect(studentDay(src, v, d('2024-09-02'), lessons)).toMatchObject({ lessons: 0, missed: 0, wholeDay: false });
    expect(studentDay(src, g, d('2024-09-05'), lessons)).toMatchObject({ lessons: 0, missed: 0, wholeDay: false });
    // A day without lessons is no missed day either.
    expect(studentDay(src, a, d('2024-09-07'), lessons)).toMatchObject({ lessons: 0, wholeDay: false });
  });

  it('ATT-7: the totals of a week, counted by hand: arrival, departure, group lessons, reasons, late marks, dates outside the range', () => {
    const doc = journal();
    const rows = attendanceTotals(journalAttendance(doc), listStudents(doc), lessons, RANGE);
    expect(rows.map((r) => r.studentId)).toEqual(['sa', 'sb', 'sv', 'sg']);
    const [a, b, v, g] = rows;
    // А: 3 + 2 + 2 + 2 + 1 = 10 lessons; missed Mon 3 (Б), Tue 1 (no reason), Thu 2 (Н) = 6; days Mon (Б), Thu (Н).
    expect(a).toEqual({
      studentId: 'sa',
      schoolDays: 5,
      lessonsHad: 10,
      lessons: tally(6, 3, 0, 3),
      days: tally(2, 1, 0, 1),
      late: 1,
      lessonsWithoutReason: 1,
      daysWithoutReason: 0,
    });
    // Б: 2 + 2 + 1 + 2 + 1 = 8 lessons; missed Mon 2 (У), Wed 1 (no reason) = 3; both are whole days.
    expect(b).toEqual({
      studentId: 'sb',
      schoolDays: 5,
      lessonsHad: 8,
      lessons: tally(3, 0, 2, 1),
      days: tally(2, 0, 1, 1),
      late: 0,
      lessonsWithoutReason: 1,
      daysWithoutReason: 1,
    });
    // В from Wednesday: 2 + 2 + 1 = 5 lessons; missed Thu 2 (Б), a whole day; late Wednesday.
    expect(v).toEqual({
      studentId: 'sv',
      schoolDays: 3,
      lessonsHad: 5,
      lessons: tally(2, 2, 0, 0),
      days: tally(1, 1, 0, 0),
      late: 1,
      lessonsWithoutReason: 0,
      daysWithoutReason: 0,
    });
    // Г until Tuesday: 3 + 2 = 5 lessons; missed Tue 2 with «О» — unexcused, but a reason was given.
    expect(g).toEqual({
      studentId: 'sg',
      schoolDays: 2,
      lessonsHad: 5,
      lessons: tally(2, 0, 0, 2),
      days: tally(1, 0, 0, 1),
      late: 0,
      lessonsWithoutReason: 0,
      daysWithoutReason: 0,
    });
    expect(sumAttendanceTotals(rows)).toEqual({
      schoolDays: 15,
      lessonsHad: 28,
      lessons: tally(13, 5, 2, 6),
      days: tally(6, 2, 1, 3),
      late: 2,
      lessonsWithoutReason: 2,
      daysWithoutReason: 1,
    });
    // The Mon 9 Sep absence counts once the range reaches it.
    expect(
      attendanceTotals(journalAttendance(doc), listStudents(doc), lessons, { from: d('2024-09-09'), to: d('2024-09-09') })[0].lessons
        .missed,
    ).toBe(1);
  });

  it('ATT-7: grade 1 keeps attendance only, and its totals are counted the same way, from the timetable (ATT-8)', () => {
    const school = new Y.Doc();
    initSchoolYear(school, {
      schoolId: SCHOOL,
      yearId: YEAR,
      schoolName: 'Школа',
      title: 'test',
      startsOn: d('2024-09-02'),
      endsOn: d('2024-09-08'),
    });
    const reading = subj('read');
    subjects.set(school, reading, { name: 'Литературное чтение', marking: 'five' });
    for (const weekday of [1, 2, 3, 4, 5])
      for (const slot of [1, 2]) {
        setTimetableEntry(school, { classId: CLASS_7A, weekday, slot, subjectId: reading, groupId: ALL, teacherId: uid('t1'), room: '1' });
      }
    const doc = newJournal(1);
    putStudent(doc, { id: sid('s1'), name: 'Алексеев Антон', groups: [], enrolledOn: null, leftOn: null });
    const week = classLessons(school, doc, CLASS_7A, d('2024-09-02'), d('2024-09-08'));
    expect(week).toHaveLength(10);
    const on = (date: IsoDate) => week.filter((l) => l.date === date);
    for (const l of on(d('2024-09-03'))) setAbsence(doc, l.id, sid('s1'), 'absent');
    setAbsenceReason(doc, sid('s1'), d('2024-09-03'), 'Б');
    setAbsence(doc, on(d('2024-09-05'))[0].id, sid('s1'), 'late');
    const [t] = attendanceTotals(journalAttendance(doc), listStudents(doc), week, { from: d('2024-09-02'), to: d('2024-09-08') });
    expect(t).toMatchObject({ schoolDays: 5, lessonsHad: 10, lessons: tally(2, 2, 0, 0), days: tally(1, 1, 0, 0), late: 1 });
  });
});
