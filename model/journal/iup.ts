import { isIsoDate, isValidId, type GroupId, type IsoDate } from '../ids.ts';

/** IUP-1: the mode of a subject the plan names that the student does not study at all. */
export const IUP_EXEMPT = 'exempt';

/** IUP-1: per subject of the plan, the group of one the student is taught in, or «не изучает». */
export type IupMode = GroupId | typeof IUP_EXEMPT;

/**
 * IUP-1: an individual study plan (индивидуальный учебный план), `students["studentId:iup"]`:
 * from `since` up to the day before `until` (null: to the end of the year) the student is, for
 * each subject it names, taught alone in a group of one or does not study it; for the other
 * subjects they stay with the class. `basis` is the order or request it rests on.
 */
export interface IupPlan {
  since: IsoDate;
  until: IsoDate | null;
  basis: string;
  subjects: Record<string, IupMode>;
}

/** IUP-1: a stored plan, or null when the value is not one (a malformed value reads as no plan). */
export function parseIupPlan(value: unknown): IupPlan | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (!isIsoDate(v.since) || !(v.until === null || isIsoDate(v.until)) || typeof v.basis !== 'string') return null;
  const subjects = v.subjects;
  if (typeof subjects !== 'object' || subjects === null || Array.isArray(subjects)) return null;
  const out: Record<string, IupMode> = {};
  for (const [subjectId, mode] of Object.entries(subjects as Record<string, unknown>)) {
    if (!isValidId(subjectId) || !isValidId(mode)) return null;
    out[subjectId] = mode as IupMode;
  }
  return { since: v.since, until: v.until, basis: v.basis, subjects: out };
}

/** IUP-2: whether the plan is in force on `date`: from `since` on, before `until`. */
export function iupInForce(plan: IupPlan, date: IsoDate): boolean {
  return plan.since <= date && (plan.until === null || date < plan.until);
}

/**
 * IUP-2: what the plan says of a subject on a date: its group of one, `exempt`, or null when
 * the plan is not in force then or does not name the subject (the student is with the class).
 */
export function iupModeOn(plan: IupPlan | undefined, subjectId: string, date: IsoDate): IupMode | null {
  if (!plan || !iupInForce(plan, date) || !Object.hasOwn(plan.subjects, subjectId)) return null;
  return plan.subjects[subjectId];
}

/** IUP-2: whether the plan names the subject at all (else it never changes that subject's pages). */
export function iupNames(plan: IupPlan | undefined, subjectId: string | undefined): plan is IupPlan {
  return plan !== undefined && subjectId !== undefined && Object.hasOwn(plan.subjects, subjectId);
}

/** IUP-2: the days the plan starts and stops acting (where a page's roster may change). */
export function iupEdges(plan: IupPlan): IsoDate[] {
  return plan.until === null ? [plan.since] : [plan.since, plan.until];
}
