import type { IsoDate } from '../ids.ts';

/**
 * DIARY-24: the class teacher's view of the diary's reading, as the server answers it and the
 * page reads it: one family account of a student, who and never how to reach them.
 */
export interface FamilyAccountView {
  role: 'parent' | 'student';
  name: string;
  /** The latest time the account opened a week or a mark of the diary; null: never. */
  lastOpened: number | null;
  thisWeek: boolean;
  lastWeek: boolean;
  /** Confirmed periods (ids of `ClassAcksView.periods`) → when. */
  finals: Record<string, number>;
}

export interface StudentAcksView {
  id: string;
  name: string;
  /** Activated, enabled accounts; none: «нет доступа». */
  accounts: FamilyAccountView[];
  /** Codes issued for the student's family and not used yet (still valid). */
  pendingCodes: number;
}

export interface ClassAcksView {
  classId: string;
  className: string;
  /** This week's and last week's Mondays, by the school's date. */
  week: IsoDate;
  lastWeek: IsoDate;
  periods: Array<{ id: string; name: string }>;
  students: StudentAcksView[];
}
