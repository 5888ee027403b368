import { is, recordCollection } from '../doc/record-collection.ts';
import type { MarkingSystem } from '../marking/mark-value.ts';

/** A subject of the curriculum and its marking system. */
export interface Subject {
  name: string;
  marking: MarkingSystem;
  /** YEAR-4: curriculum hours per week by grade ("5" → 5); absent for a grade = not set. */
  hours?: Record<string, number>;
}

const isHours = (v: unknown) => v === undefined || (is.object(v) && Object.values(v).every((h) => is.number(h) && h >= 0));

export const subjects = recordCollection<Subject>(
  'subjects',
  (v): v is Subject =>
    is.object(v) && is.string(v.name) && (v.marking === 'five' || v.marking === 'passfail' || v.marking === 'none') && isHours(v.hours),
);

/** A work type (вид работы) and its weight in the weighted average (MARK-4). */
export interface WorkType {
  name: string;
  short: string;
  weight: number;
  /**
   * TIME-2: the days after the lesson a mark of this type may still be entered on time (a
   * written work is checked at home); absent or 0 = on the lesson's day, like an oral answer.
   */
  deadlineDays?: number;
}

const isDeadlineDays = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 60);

export const workTypes = recordCollection<WorkType>(
  'workTypes',
  (v): v is WorkType =>
    is.object(v) && is.string(v.name) && is.string(v.short) && is.number(v.weight) && v.weight > 0 && isDeadlineDays(v.deadlineDays),
);
