import type * as Y from 'yjs';
import { is, recordCollection } from '../doc/record-collection.ts';
import { MIN_MARKS_FOR_FINAL } from '../marking/expected-final.ts';

/**
 * FIN-9: the school's rule for finals, `settings["finals"]` of the school-year document:
 * `minMarks` — the fewest current marks of a period that justify a period final (FIN-2); under
 * it the finals page warns («мало отметок») and the expected final is none.
 */
export interface FinalsSettings {
  minMarks: number;
}

export const FINALS_KEY = 'finals';

/** FIN-9: the least and the most a school may ask for. */
export const MIN_MARKS_RANGE = { min: 1, max: 10 } as const;

/** FIN-9: a school that has not chosen asks for `MIN_MARKS_FOR_FINAL` (3) marks. */
export const DEFAULT_FINALS: FinalsSettings = { minMarks: MIN_MARKS_FOR_FINAL };

export const isMinMarks = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= MIN_MARKS_RANGE.min && (v as number) <= MIN_MARKS_RANGE.max;

export const finalsSettings = recordCollection<FinalsSettings>(
  'settings',
  (v): v is FinalsSettings => is.object(v) && isMinMarks(v.minMarks),
);

/** FIN-9: the school's minimum number of marks for a period final, 3 without a setting. */
export function readMinMarksForFinal(school: Y.Doc): number {
  return (finalsSettings.get(school, FINALS_KEY) ?? DEFAULT_FINALS).minMarks;
}
