import type * as Y from 'yjs';
import type { IsoDate, SubjectId, UserId } from '../ids.ts';
import { ktpFor } from '../school/ktp.ts';

/**
 * MON-4: the КТП hours planned for a stretch of a page's lessons. The plan is not dated: its
 * items are taught in order, one lesson = one hour, over the page's lessons of the year (PAGE-1).
 * So the hours planned from `from` to `to` are the page's lessons in that stretch, counted only
 * while the plan has hours left: min(H, lessons up to `to`) − min(H, lessons before `from`),
 * H = the plan's total hours (SCH-4: the teacher's own plan, else every teacher's).
 *
 * @example ktpPlannedHours(school, 'math', 5, 'u-teacher', pageLessons(…), '2026-11-09', '2026-11-30') // 16
 */
export function ktpPlannedHours(
  school: Y.Doc,
  subjectId: SubjectId,
  grade: number,
  teacherId: UserId | null,
  yearLessons: ReadonlyArray<{ date: IsoDate }>,
  from: IsoDate,
  to: IsoDate,
): number {
  const total = ktpFor(school, subjectId, grade, teacherId ?? undefined).reduce((n, [, item]) => n + Math.max(0, item.hours), 0);
  const before = yearLessons.filter((l) => l.date < from).length;
  const upTo = yearLessons.filter((l) => l.date <= to).length;
  return Math.max(0, Math.min(total, upTo) - Math.min(total, before));
}
