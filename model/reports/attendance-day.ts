import type * as Y from 'yjs';
import type { IsoDate, LessonId, StudentId } from '../ids.ts';
import { readAbsence, readAbsenceReason } from '../journal/attendance.ts';
import type { LessonKey } from '../journal/lesson.ts';
import { isEnrolledOn, isInGroup, type Student } from '../journal/student.ts';
import type { AbsenceMark, AbsenceReason } from '../marking/attendance.ts';

/**
 * Where attendance is read from: the journal document itself, or a live projection of it (the
 * board's Solid store), so one computation serves the server's reports and the page.
 */
export interface AttendanceSource {
  absence(lessonId: LessonId, studentId: StudentId): AbsenceMark | null;
  reason(studentId: StudentId, date: IsoDate): AbsenceReason | null;
}

/** The attendance of a journal document, read through its accessors (ATT-1, ATT-2). */
export function journalAttendance(doc: Y.Doc): AttendanceSource {
  return {
    absence: (lessonId, studentId) => readAbsence(doc, lessonId, studentId),
    reason: (studentId, date) => readAbsenceReason(doc, studentId, date),
  };
}

/** A lesson as attendance reads it: its date and group, and its subject (an individual study plan counts by subject, IUP-2). */
export type DayLesson = Pick<LessonKey, 'date' | 'groupId'> & { subjectId?: LessonKey['subjectId'] };

/**
 * ATT-5: a student had a lesson when they were on the roster that day (STU-1: enrolled, not yet
 * left) and the lesson was for the whole class or for one of their groups (STU-2), the individual
 * study plan counted (IUP-2).
 */
export function hadLesson(student: Student, lesson: DayLesson): boolean {
  return isEnrolledOn(student, lesson.date) && isInGroup(student, lesson.groupId, lesson.date, lesson.subjectId);
}

/** One student's school day as the class teacher reads it. */
export interface StudentDay {
  date: IsoDate;
  /** Lessons the student had that day (ATT-5). */
  lessons: number;
  /** Of them, marked absent («н»). */
  missed: number;
  /** Of them, marked late («оп»). */
  late: number;
  /** The class teacher's reason for the day (ATT-2), if given. */
  reason: AbsenceReason | null;
  /** ATT-6: the student missed every lesson they had (at least one): a missed day. */
  wholeDay: boolean;
}

/**
 * ATT-5, ATT-6: a student's day from the lessons of the class that day (any order; lessons of
 * other dates are ignored): how many they had, missed and were late to, the day's reason, and
 * whether the whole day was missed.
 *
 * @example studentDay(journalAttendance(doc), student, '2026-12-01', classLessons(school, doc, '5b', d, d))
 */
export function studentDay(
  source: AttendanceSource,
  student: Student,
  date: IsoDate,
  lessons: ReadonlyArray<DayLesson & { id: LessonId }>,
): StudentDay {
  let had = 0;
  let missed = 0;
  let late = 0;
  for (const l of lessons) {
    if (l.date !== date || !hadLesson(student, l)) continue;
    had++;
    const mark = source.absence(l.id, student.id);
    if (mark === 'absent') missed++;
    else if (mark === 'late') late++;
  }
  return { date, lessons: had, missed, late, reason: source.reason(student.id, date), wholeDay: had > 0 && missed === had };
}
