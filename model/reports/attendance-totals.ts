import type { IsoDate, LessonId, StudentId } from '../ids.ts';
import type { Student } from '../journal/student.ts';
import type { AbsenceReason } from '../marking/attendance.ts';
import { studentDay, type AttendanceSource, type DayLesson } from './attendance-day.ts';

/** What a missed lesson or day counts as in the totals. */
export type ReasonCategory = 'ill' | 'excused' | 'unexcused';

/**
 * ATT-7: Б (ill) counts as ill, У as excused; Н — and an absence whose day has «О» (late) or no
 * reason at all — as unexcused: only the class teacher's Б or У excuses an absence.
 */
export function reasonCategory(reason: AbsenceReason | null): ReasonCategory {
  return reason === 'Б' ? 'ill' : reason === 'У' ? 'excused' : 'unexcused';
}

/** Missed lessons or days, and how they split by reason (ATT-7): ill + excused + unexcused = missed. */
export interface AbsenceTally {
  missed: number;
  ill: number;
  excused: number;
  unexcused: number;
}

/** One student's attendance over a range of dates. */
export interface AttendanceTotals {
  studentId: StudentId;
  /** Days in the range on which the student had at least one lesson (ATT-5). */
  schoolDays: number;
  /** Lessons the student had in the range. */
  lessonsHad: number;
  /** Lessons marked absent, by the reason of their day. */
  lessons: AbsenceTally;
  /** Missed days (ATT-6), by their reason. */
  days: AbsenceTally;
  /** Lessons marked late. */
  late: number;
  /** Of the unexcused lessons, those whose day has no reason given yet. */
  lessonsWithoutReason: number;
  /** Of the unexcused days, those with no reason given yet. */
  daysWithoutReason: number;
}

const tally = (): AbsenceTally => ({ missed: 0, ill: 0, excused: 0, unexcused: 0 });

function count(t: AbsenceTally, n: number, reason: AbsenceReason | null): void {
  t.missed += n;
  t[reasonCategory(reason)] += n;
}

/**
 * ATT-7: the attendance totals of each student over `[from, to]` (say, the study period of
 * SCH-8), in the order of `students`. Only lessons the student had count (ATT-5): before an
 * arrival, from a departure on, and group lessons of other groups are no lessons of theirs, so a
 * student who arrived mid-period is counted from their first day only. A day counts as missed
 * when every lesson the student had that day is marked absent (ATT-6); late marks are no absence.
 * Marks play no part, so grade 1 (attendance only) is counted the same way.
 *
 * @example
 * // Ill (Б) all Monday (5 lessons), skipped one of Tuesday's 5 without a reason:
 * // lessons { missed: 6, ill: 5, excused: 0, unexcused: 1 }, days { missed: 1, ill: 1, … }, lessonsWithoutReason: 1
 */
export function attendanceTotals(
  source: AttendanceSource,
  students: readonly Student[],
  lessons: ReadonlyArray<DayLesson & { id: LessonId }>,
  range: { from: IsoDate; to: IsoDate },
): AttendanceTotals[] {
  const byDate = new Map<IsoDate, Array<(typeof lessons)[number]>>();
  for (const l of lessons) {
    if (l.date < range.from || l.date > range.to) continue;
    const list = byDate.get(l.date);
    if (list) list.push(l);
    else byDate.set(l.date, [l]);
  }
  return students.map((student) => {
    const t: AttendanceTotals = {
      studentId: student.id,
      schoolDays: 0,
      lessonsHad: 0,
      lessons: tally(),
      days: tally(),
      late: 0,
      lessonsWithoutReason: 0,
      daysWithoutReason: 0,
    };
    for (const [date, dayLessons] of byDate) {
      const day = studentDay(source, student, date, dayLessons);
      if (day.lessons === 0) continue;
      t.schoolDays++;
      t.lessonsHad += day.lessons;
      t.late += day.late;
      if (day.missed === 0) continue;
      count(t.lessons, day.missed, day.reason);
      if (day.reason === null) t.lessonsWithoutReason += day.missed;
      if (day.wholeDay) {
        count(t.days, 1, day.reason);
        if (day.reason === null) t.daysWithoutReason++;
      }
    }
    return t;
  });
}

/** The class's line under the students': every count summed. */
export function sumAttendanceTotals(rows: readonly AttendanceTotals[]): Omit<AttendanceTotals, 'studentId'> {
  const sum = (pick: (t: AttendanceTotals) => number) => rows.reduce((n, t) => n + pick(t), 0);
  const sumTally = (pick: (t: AttendanceTotals) => AbsenceTally): AbsenceTally => ({
    missed: sum((t) => pick(t).missed),
    ill: sum((t) => pick(t).ill),
    excused: sum((t) => pick(t).excused),
    unexcused: sum((t) => pick(t).unexcused),
  });
  return {
    schoolDays: sum((t) => t.schoolDays),
    lessonsHad: sum((t) => t.lessonsHad),
    lessons: sumTally((t) => t.lessons),
    days: sumTally((t) => t.days),
    late: sum((t) => t.late),
    lessonsWithoutReason: sum((t) => t.lessonsWithoutReason),
    daysWithoutReason: sum((t) => t.daysWithoutReason),
  };
}
