import type * as Y from 'yjs';
import { joinKey } from '../doc/flat-map.ts';
import { is, recordCollection } from '../doc/record-collection.ts';
import type { ClassId, IsoDate } from '../ids.ts';
import { periodsForGrade, type Period } from './school-year.ts';

/**
 * SCH-9: a study period closed for a class by the deputy (`closures["classId:periodId"]`):
 * nothing dated in it is written any more but through the deputy, with a stated reason.
 * Reopening writes null.
 */
export interface Closure {
  closedAt: string;
  closedBy: string;
}

export const closures = recordCollection<Closure>(
  'closures',
  (v): v is Closure => is.object(v) && is.string(v.closedAt) && is.string(v.closedBy),
);

export function closePeriod(doc: Y.Doc, classId: ClassId, periodId: string, closure: Closure): void {
  closures.set(doc, joinKey(classId, periodId), closure);
}

export function reopenPeriod(doc: Y.Doc, classId: ClassId, periodId: string): void {
  closures.remove(doc, joinKey(classId, periodId));
}

export function isPeriodClosed(doc: Y.Doc, classId: ClassId, periodId: string): boolean {
  return closures.get(doc, joinKey(classId, periodId)) !== undefined;
}

/** The closed period of the class's grade that contains `date`, if any. */
export function closedPeriodAt(doc: Y.Doc, classId: ClassId, grade: number, date: IsoDate): [string, Period] | undefined {
  return periodsForGrade(doc, grade).find(([id, p]) => date >= p.startsOn && date <= p.endsOn && isPeriodClosed(doc, classId, id));
}
