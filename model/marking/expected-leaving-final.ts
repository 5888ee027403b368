import { finalOfAverage } from './expected-final.ts';
import type { MarkValue } from './mark-value.ts';

/** What the year and the exam say the итоговая will be (FIN-8). */
export interface ExpectedLeavingFinal {
  /** The expected итоговая, or null while the year (or the exam, where there is one) is missing. */
  value: MarkValue | null;
  /** The mean of the year and the exam when both are five-point; null otherwise. */
  average: number | null;
}

/**
 * FIN-8: the итоговая the year final (FIN-3) and the exam (FIN-7) justify: without an exam the
 * year final itself; with one, both are needed — five-point: their mean rounded half up (4 and 5
 * → 5, `finalOfAverage`); pass/fail: «зачёт» only when both are «зачёт»; a five-point mark with a
 * pass/fail one justifies none. The teacher sets the итоговая; this is only shown beside it.
 *
 * @example expectedLeavingFinal(4, 5, true) // { value: 5, average: 4.5 }
 * @example expectedLeavingFinal(4, null, false) // { value: 4, average: null }
 */
export function expectedLeavingFinal(year: MarkValue | null, exam: MarkValue | null, hasExam: boolean): ExpectedLeavingFinal {
  if (year === null) return { value: null, average: null };
  if (!hasExam) return { value: year, average: null };
  if (exam === null) return { value: null, average: null };
  if (typeof year === 'number' && typeof exam === 'number') {
    const average = (year + exam) / 2;
    return { value: finalOfAverage(average), average };
  }
  const passfail = (v: MarkValue) => v === 'P' || v === 'F';
  if (passfail(year) && passfail(exam)) return { value: year === 'P' && exam === 'P' ? 'P' : 'F', average: null };
  return { value: null, average: null };
}
