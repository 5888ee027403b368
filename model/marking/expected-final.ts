import { weightedAverage, type WeightedMark } from './average.ts';
import type { MarkingSystem, MarkValue } from './mark-value.ts';

/** FIN-2: fewer current marks in a period than this do not justify a period final; the school may set its own (FIN-9). */
export const MIN_MARKS_FOR_FINAL = 3;

/**
 * FIN-2: the period final of a weighted average (MARK-5) under the school's rounding rule: half
 * up, so 4,5 → 5 and 4,49 → 4; never below 2 (a final of 1 is not set from an average).
 *
 * @example finalOfAverage(4.5) === 5; finalOfAverage(3.49) === 3; finalOfAverage(1.2) === 2
 */
export function finalOfAverage(average: number): MarkValue {
  return Math.min(5, Math.max(2, Math.floor(average + 0.5))) as MarkValue;
}

/** What the current marks of a period say the final will be. */
export interface ExpectedFinal {
  /** The expected final, or null when the marks do not justify one. */
  value: MarkValue | null;
  /** MARK-5's weighted average of the 5-point marks; null for pass/fail or when nothing counts. */
  average: number | null;
  /** How many marks there are. */
  count: number;
  /** Fewer marks than the minimum (`MIN_MARKS_FOR_FINAL`, or the school's, FIN-9). */
  tooFew: boolean;
}

/**
 * FIN-2: the final that a period's current marks justify: none with fewer than `minMarks` marks
 * (`MIN_MARKS_FOR_FINAL`, or the school's setting, FIN-9); in the 5-point system the weighted average rounded half up
 * (`finalOfAverage`); in pass/fail «зачёт» when at least half the marks are «зачёт»; none in
 * grade 1's system `none`. The demo sets its finals with it, and the forecast (REP-3) predicts with it.
 *
 * @example expectedFinal([{ value: 5, weight: 1 }, { value: 4, weight: 3 }, { value: 3, weight: 2 }], 'five')
 * // { value: 4, average: 23 / 6 ≈ 3.83, count: 3, tooFew: false }
 */
export function expectedFinal(marks: readonly WeightedMark[], system: MarkingSystem, minMarks = MIN_MARKS_FOR_FINAL): ExpectedFinal {
  const count = marks.length;
  if (system === 'none') return { value: null, average: null, count, tooFew: false };
  if (system === 'passfail') {
    const judged = marks.filter((m) => m.value === 'P' || m.value === 'F');
    const tooFew = judged.length < minMarks;
    const passed = judged.filter((m) => m.value === 'P').length;
    return { value: tooFew ? null : passed * 2 >= judged.length ? 'P' : 'F', average: null, count, tooFew };
  }
  const average = weightedAverage(marks);
  const tooFew = count < minMarks;
  return { value: tooFew || average === null ? null : finalOfAverage(average), average, count, tooFew };
}
