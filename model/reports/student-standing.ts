import type { MarkValue } from '../marking/mark-value.ts';

/** A student's period finals in every subject (and group) of theirs: a value, or null for none. */
export type PeriodFinals = ReadonlyArray<MarkValue | null>;

/** How a student's finals count in the class teacher's report (REP-14). */
export interface FinalsCount {
  n5: number;
  n4: number;
  n3: number;
  /** «2», «1» and «незачёт». */
  n2: number;
  /** Subjects without a final: not attested. */
  none: number;
  /** The five-point finals: their sum and number, for the mean. */
  sum: number;
  count: number;
}

/**
 * REP-14: the counts of one student's finals, or of a whole class's when given all of them:
 * «5», «4», «3», «2» (with «1» and «незачёт»), none; «зачёт» counts in none of them.
 *
 * @example countFinals([5, 4, 'P', 'F', null]) // { n5: 1, n4: 1, n3: 0, n2: 1, none: 1, sum: 9, count: 2 }
 */
export function countFinals(finals: PeriodFinals): FinalsCount {
  const c: FinalsCount = { n5: 0, n4: 0, n3: 0, n2: 0, none: 0, sum: 0, count: 0 };
  for (const v of finals) {
    if (v === null) c.none++;
    else if (v === 'F') c.n2++;
    else if (typeof v === 'number') {
      if (v === 5) c.n5++;
      else if (v === 4) c.n4++;
      else if (v === 3) c.n3++;
      else c.n2++;
      c.sum += v;
      c.count++;
    }
  }
  return c;
}

/** REP-1's rule: a student succeeds with a final in every subject, each «3» or better (or «зачёт»). */
export function succeedsInAll(finals: PeriodFinals): boolean {
  return finals.length > 0 && finals.every((v) => v === 'P' || (typeof v === 'number' && v >= 3));
}

/** REP-1's rule: a student is good with «4» or «5» in every five-point subject (and «зачёт» in the others). */
export function goodInAll(finals: PeriodFinals): boolean {
  return finals.length > 0 && finals.every((v) => v === 'P' || (typeof v === 'number' && v >= 4));
}

/** The statuses of REP-14, as the report prints them. */
export const STANDINGS = ['отличник', 'хорошист', 'с одной „3“', 'успевает', 'неуспевающий', 'не аттестован'] as const;
export type Standing = (typeof STANDINGS)[number];

/**
 * REP-14: a student's standing by their period finals: «неуспевающий» with any «2», «1» or
 * «незачёт»; else «не аттестован» when a subject has no final; else by the five-point finals —
 * «отличник» all «5», «хорошист» all «4» or «5», «с одной „3“» exactly one «3» and the rest «4»
 * or «5», «успевает» otherwise (pass/fail subjects are «зачёт» by then). Null without any subject
 * (grade 1, MARK-3).
 *
 * @example standing([5, 5, 'P']) === 'отличник'; standing([5, 3, 4]) === 'с одной „3“'; standing([5, null]) === 'не аттестован'
 */
export function standing(finals: PeriodFinals): Standing | null {
  if (finals.length === 0) return null;
  const c = countFinals(finals);
  if (c.n2 > 0) return 'неуспевающий';
  if (c.none > 0) return 'не аттестован';
  if (c.count === 0) return 'успевает';
  if (c.n5 === c.count) return 'отличник';
  if (c.n3 === 0) return 'хорошист';
  return c.n3 === 1 ? 'с одной „3“' : 'успевает';
}
