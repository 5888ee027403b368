import * as Y from 'yjs';
import { isIsoDate, type IsoDate, type SchoolId, type YearId } from '../ids.ts';
import { rootMap } from '../doc/flat-map.ts';
import { is, recordCollection } from '../doc/record-collection.ts';

/** SCH-10: the top-level maps of a school-year document; nothing else lives in it. */
export const SCHOOL_MAPS = [
  'meta',
  'periods',
  'holidays',
  'subjects',
  'workTypes',
  'staff',
  'classes',
  'groups',
  'load',
  'bells',
  'rooms',
  'timetable',
  'substitutions',
  'moves',
  'ktp',
  'controlWorks',
  'closures',
  'settings',
] as const;

/** Version of the school-year document's layout; migrations key on it. */
export const SCHOOL_SCHEMA_VERSION = 1;

export interface SchoolMeta {
  schemaVersion: number;
  schoolId: SchoolId;
  yearId: YearId;
  schoolName: string;
  title: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** Writes the meta of a new school-year document. */
export function initSchoolYear(doc: Y.Doc, meta: Omit<SchoolMeta, 'schemaVersion'>): void {
  const m = rootMap(doc, 'meta');
  m.set('schemaVersion', SCHOOL_SCHEMA_VERSION);
  for (const [k, v] of Object.entries(meta)) m.set(k, v);
}

export function readSchoolMeta(doc: Y.Doc): SchoolMeta | undefined {
  const m = rootMap(doc, 'meta');
  const meta = Object.fromEntries(m.entries()) as Record<string, unknown>;
  if (!is.string(meta.schoolId) || !isIsoDate(meta.startsOn) || !isIsoDate(meta.endsOn)) return undefined;
  return meta as unknown as SchoolMeta;
}

/** A study period (четверть, полугодие, триместр) for a range of grades. */
export interface Period {
  name: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  minGrade: number;
  maxGrade: number;
}

export const periods = recordCollection<Period>(
  'periods',
  (v): v is Period =>
    is.object(v) && is.string(v.name) && isIsoDate(v.startsOn) && isIsoDate(v.endsOn) && is.number(v.minGrade) && is.number(v.maxGrade),
);

/**
 * Holidays (каникулы): no lessons are planned inside them. YEAR-14: a holiday may be for some
 * grades only (`minGrade`…`maxGrade`, both or neither), like the first-graders' extra week in
 * February; without them it is the whole school's.
 */
export interface Holiday {
  name: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  minGrade?: number;
  maxGrade?: number;
}

const isGrade = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 11;

export const holidays = recordCollection<Holiday>(
  'holidays',
  (v): v is Holiday =>
    is.object(v) &&
    is.string(v.name) &&
    isIsoDate(v.startsOn) &&
    isIsoDate(v.endsOn) &&
    ((v.minGrade === undefined && v.maxGrade === undefined) || (isGrade(v.minGrade) && isGrade(v.maxGrade))),
);

/**
 * YEAR-14: whether a holiday is one for `grade`: a holiday without grades is everyone's; asked
 * without a grade (the whole school's day), only such a holiday counts.
 */
export function holidayCovers(h: Holiday, grade?: number): boolean {
  if (h.minGrade === undefined || h.maxGrade === undefined) return true;
  return grade !== undefined && grade >= h.minGrade && grade <= h.maxGrade;
}

/** SCH-2, YEAR-14: the holiday `date` falls inside (both ends included) for `grade`, if any. */
export function holidayOn(doc: Y.Doc, date: IsoDate, grade?: number): Holiday | undefined {
  return holidays
    .all(doc)
    .map(([, h]) => h)
    .find((h) => date >= h.startsOn && date <= h.endsOn && holidayCovers(h, grade));
}

/** SCH-2: true when `date` is a holiday for `grade` (without one: for the whole school). */
export function isHoliday(doc: Y.Doc, date: IsoDate, grade?: number): boolean {
  return holidayOn(doc, date, grade) !== undefined;
}

/** SCH-1: the periods that apply to `grade` (minGrade ≤ grade ≤ maxGrade), in date order. */
export function periodsForGrade(doc: Y.Doc, grade: number): Array<[string, Period]> {
  return periods
    .all(doc)
    .filter(([, p]) => grade >= p.minGrade && grade <= p.maxGrade)
    .sort((a, b) => a[1].startsOn.localeCompare(b[1].startsOn));
}

/**
 * SCH-8: the period a journal page opens on for a date: the period of that grade containing
 * the date, else the latest one that started before it (holidays between periods), else none.
 */
export function periodAt(doc: Y.Doc, grade: number, date: IsoDate): [string, Period] | undefined {
  const list = periodsForGrade(doc, grade);
  return list.find(([, p]) => date >= p.startsOn && date <= p.endsOn) ?? [...list].reverse().find(([, p]) => p.startsOn <= date);
}

/**
 * Why `periodAt` finds no period for a grade on `date`, in the words a report or the monitoring
 * page shows: none are set for the grade, or none has begun yet (before the year).
 *
 * @example noPeriodReason(doc, 5, '2026-08-31') === 'ни один учебный период ещё не начался: «1 четверть» — с 01.09.2026'
 */
export function noPeriodReason(doc: Y.Doc, grade: number, date: IsoDate): string {
  const first = periodsForGrade(doc, grade)[0];
  if (!first || first[1].startsOn <= date) return 'учебные периоды не заданы';
  const d = first[1].startsOn;
  return `ни один учебный период ещё не начался: «${first[1].name}» — с ${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
}
