import type { IsoDate, PeriodId } from '../ids.ts';
import { finalOfAverage } from './expected-final.ts';
import type { MarkingSystem, MarkValue } from './mark-value.ts';

/** One study period's part in the year final: its final, or what its marks justify (FIN-2). */
export interface PeriodStanding {
  final: MarkValue | null;
  expected: MarkValue | null;
}

/** What the periods say the year final will be. */
export interface ExpectedYearFinal {
  /** The expected year final, or null when the periods do not justify one yet. */
  value: MarkValue | null;
  /** The mean of the five-point values counted; null for pass/fail or when nothing counts. */
  average: number | null;
  /** Periods counted with their final. */
  finals: number;
  /** Periods counted with their expected final only (no final set yet): a forecast. */
  forecasts: number;
  /** Periods with neither (too few marks, FIN-2): while any, there is no year final to expect. */
  missing: number;
}

/**
 * FIN-5: the year final that the study periods justify: each period counts with its final, else
 * with its expected final (FIN-2) as a forecast; none while a period has neither, or when no
 * period counts; in the 5-point system the mean of the periods' values rounded half up
 * (`finalOfAverage`: 3,5 → 4, never below 2); in pass/fail «зачёт» when at least half are «зачёт».
 *
 * @example expectedYearFinal([{ final: 4, expected: null }, { final: 5, expected: 4 }, { final: null, expected: 4 }, { final: null, expected: 5 }], 'five')
 * // { value: 5, average: 4.5, finals: 2, forecasts: 2, missing: 0 }
 */
export function expectedYearFinal(periods: readonly PeriodStanding[], system: MarkingSystem): ExpectedYearFinal {
  const values: MarkValue[] = [];
  let finals = 0;
  let forecasts = 0;
  let missing = 0;
  for (const p of periods) {
    const v = p.final ?? p.expected;
    if (v === null) missing++;
    else {
      values.push(v);
      if (p.final !== null) finals++;
      else forecasts++;
    }
  }
  const none = { value: null, average: null, finals, forecasts, missing };
  if (system === 'none' || missing > 0 || values.length === 0) return none;
  if (system === 'passfail') {
    const judged = values.filter((v) => v === 'P' || v === 'F');
    if (judged.length === 0) return none;
    const passed = judged.filter((v) => v === 'P').length;
    return { ...none, value: passed * 2 >= judged.length ? 'P' : 'F' };
  }
  const points = values.filter((v): v is 1 | 2 | 3 | 4 | 5 => typeof v === 'number');
  if (points.length === 0) return none;
  const average = points.reduce((a, b) => a + b, 0) / points.length;
  return { ...none, value: finalOfAverage(average), average };
}

/** A study period as FIN-5 reads it: its id and its first day. */
export interface YearPeriod {
  id: PeriodId;
  startsOn: IsoDate;
}

/**
 * FIN-5 for one student of one page on a day: the periods begun by `cutoff` in which the student
 * has a final (FIN-4, `has`) count — each with its final (`finalOf`), else its expected final
 * (`expectedOf`); the periods ahead do not count yet. The finals page and the year's results
 * (REP-17) both read it.
 */
export function yearFinalForecast<P extends YearPeriod>(
  periods: readonly P[],
  cutoff: IsoDate,
  system: MarkingSystem,
  of: { has(p: P): boolean; finalOf(p: P): MarkValue | null; expectedOf(p: P): MarkValue | null },
): ExpectedYearFinal {
  const begun = periods.filter((p) => p.startsOn <= cutoff && of.has(p));
  return expectedYearFinal(
    begun.map((p) => ({ final: of.finalOf(p), expected: of.expectedOf(p) })),
    system,
  );
}
