import type * as Y from 'yjs';
import { periodsForGrade, readDeadlines, schoolDate, type IsoDate, type Period } from '../../model/index.ts';

/**
 * The school's day of an instant: the date in the school's zone (TIME-1, Moscow by default), as
 * the report, monitoring and readiness routes read "today" from the server's clock.
 */
export function schoolDay(ms: number, school: Y.Doc): IsoDate {
  return schoolDate(ms, readDeadlines(school).utcOffsetMinutes);
}

/** A study period with its id. */
export type NamedPeriod = [id: string, period: Period];

/**
 * Where a grade's study periods stand on `today`, for the tests of what "today" changes: they
 * pick from these instead of assuming today is a school day in the middle of the year.
 */
export interface PeriodsOfToday {
  /** The grade's periods in date order. */
  all: NamedPeriod[];
  /** The period `today` falls in; none on a holiday between periods, before or after the year. */
  running?: NamedPeriod;
  /** The period of today as SCH-8 reads it: the running one, else the latest begun; none before the year. */
  current?: NamedPeriod;
  /** The latest period that ended before `today`. */
  finished?: NamedPeriod;
  /** The first period that has not begun by `today`. */
  ahead?: NamedPeriod;
}

export function periodsOfToday(school: Y.Doc, grade: number, today: IsoDate): PeriodsOfToday {
  const all = periodsForGrade(school, grade);
  if (all.length === 0) throw new Error(`The school year has no study periods for grade ${grade}`);
  const running = all.find(([, p]) => p.startsOn <= today && today <= p.endsOn);
  return {
    all,
    running,
    current: running ?? all.filter(([, p]) => p.startsOn <= today).at(-1),
    finished: all.filter(([, p]) => p.endsOn < today).at(-1),
    ahead: all.find(([, p]) => p.startsOn > today),
  };
}

/** The last day a period's figures count on `today`: its end, or today while it runs (or before it begins). */
export const cutoffOf = (p: Period, today: IsoDate): IsoDate => (p.endsOn < today ? p.endsOn : today);
