import { asDate, type IsoDate } from '../ids.ts';
import type { Bell } from '../school/bells.ts';
import { schoolMoment } from '../timeliness/deadline.ts';

/** The school's date at a moment: its calendar day in its own time zone (TIME-1's offset). */
export function schoolDate(nowMs: number, utcOffsetMinutes: number): IsoDate {
  return asDate(new Date(nowMs + utcOffsetMinutes * 60_000).toISOString().slice(0, 10));
}

/**
 * ATT-9: a lesson whose attendance is overdue: it is on the school's today, its bell has rung
 * (the slot's start, school time, is at or before now) and its attendance is not recorded (ATT-4).
 * Earlier days are not flagged: their lessons were over long ago, and lessons the demo or an older
 * client recorded without any absence could not be told from forgotten ones.
 *
 * @example attendanceOverdue({ date: '2026-12-01' }, { starts: '10:30', ends: '11:15' }, false, Date.parse('2026-12-01T08:00:00Z'), 180) // true: 11:00 in Moscow
 */
export function attendanceOverdue(
  lesson: { date: IsoDate },
  bell: Bell | undefined,
  recorded: boolean,
  nowMs: number,
  utcOffsetMinutes: number,
): boolean {
  if (recorded || !bell || lesson.date !== schoolDate(nowMs, utcOffsetMinutes)) return false;
  return schoolMoment(lesson.date, bell.starts, utcOffsetMinutes) <= nowMs;
}
