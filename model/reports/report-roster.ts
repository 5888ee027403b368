import type { IsoDate } from '../ids.ts';
import type { Student } from '../journal/student.ts';
import { reportDate } from './report-month.ts';

/**
 * STU-1 over a range: a student was on the roster on at least one day of `[from, to]` —
 * enrolled by its last day, and not left by its first (the leaving day is off the roster).
 */
export function onRosterDuring(s: Pick<Student, 'enrolledOn' | 'leftOn'>, from: IsoDate, to: IsoDate): boolean {
  return (s.enrolledOn === null || s.enrolledOn <= to) && (s.leftOn === null || s.leftOn > from);
}

/** «прибыл(а) 09.11.2026, выбыл(а) 16.03.2027» for a student's dates inside `[from, to]`; "" when none. */
export function movementNote(s: Pick<Student, 'enrolledOn' | 'leftOn'>, from: IsoDate, to: IsoDate): string {
  const inside = (d: IsoDate | null): d is IsoDate => d !== null && d > from && d <= to;
  return [inside(s.enrolledOn) ? `прибыл(а) ${reportDate(s.enrolledOn)}` : '', inside(s.leftOn) ? `выбыл(а) ${reportDate(s.leftOn)}` : '']
    .filter(Boolean)
    .join(', ');
}
