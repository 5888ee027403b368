import type { IsoDate } from '../ids.ts';
import { schoolMoment } from '../timeliness/deadline.ts';

/**
 * PERM-13: the moment a lesson begins — its slot's bell on its date in the school's zone
 * (TIME-1), or the start of its day where the slot has no bell. `starts` maps a slot to its
 * bell's start, `HH:MM` (read once per page or per rule-book context from `bellSchedule`).
 *
 * @example lessonStartsAt({ date: '2026-12-08', slot: 2 }, new Map([[2, '09:25']]), 180) === Date.parse('2026-12-08T06:25:00Z')
 */
export function lessonStartsAt(
  lesson: { date: string; slot: number },
  starts: ReadonlyMap<number, string>,
  utcOffsetMinutes: number,
): number {
  return schoolMoment(lesson.date as IsoDate, starts.get(lesson.slot) ?? '00:00', utcOffsetMinutes);
}
