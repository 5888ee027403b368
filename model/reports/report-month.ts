import { addDays } from '../dates.ts';
import { asDate, type IsoDate } from '../ids.ts';
import type { SchoolMeta } from '../school/school-year.ts';
import { periodRange, ReportParamError, type ReportInput } from './report-context.ts';

const MONTHS = ['Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь'];

/** A calendar month as reports read it: `2026-11`, its first and last day, «Ноябрь 2026». */
export interface ReportMonth {
  month: string;
  from: IsoDate;
  to: IsoDate;
  title: string;
}

/** «09.11.2026»: a date as the reports print it. */
export function reportDate(date: IsoDate): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

/** «01.11–30.11.2026»: the days of a range, as `periodRange` writes a period's. */
export function dateRange(from: IsoDate, to: IsoDate): string {
  return periodRange({ name: '', startsOn: from, endsOn: to, minGrade: 0, maxGrade: 0 });
}

/**
 * The month `YYYY-MM`: its days and its Russian name; null for anything else («2026-13», «11.2026»).
 *
 * @example monthOf('2026-11') // { month: '2026-11', from: '2026-11-01', to: '2026-11-30', title: 'Ноябрь 2026' }
 */
export function monthOf(month: string): ReportMonth | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  const from = asDate(`${month}-01`);
  const next = Number(m[2]) === 12 ? `${Number(m[1]) + 1}-01-01` : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, '0')}-01`;
  return { month, from, to: addDays(asDate(next), -1), title: `${MONTHS[Number(m[2]) - 1]} ${m[1]}` };
}

/**
 * The month a report is asked for (`?month=YYYY-MM`; without it, today's), cut to the school
 * year's days; a malformed month or one outside the school year is a parameter error (HTTP 400).
 */
export function reportMonth(input: ReportInput, year: Pick<SchoolMeta, 'startsOn' | 'endsOn'>): ReportMonth {
  const asked = input.params.month ?? input.today.slice(0, 7);
  const m = monthOf(asked);
  if (!m) throw new ReportParamError(`Месяц указывается как ГГГГ-ММ, а не «${asked}»`);
  if (m.to < year.startsOn || m.from > year.endsOn) throw new ReportParamError(`${m.title} — вне учебного года`);
  return { ...m, from: m.from < year.startsOn ? year.startsOn : m.from, to: m.to > year.endsOn ? year.endsOn : m.to };
}

/**
 * The months of the school year so far: from its first month to today's (or to its last, once
 * it is over), each cut to the year's days and to today. Before the year starts, none.
 */
export function monthsSoFar(year: Pick<SchoolMeta, 'startsOn' | 'endsOn'>, today: IsoDate): ReportMonth[] {
  const last = today < year.endsOn ? today : year.endsOn;
  const out: ReportMonth[] = [];
  for (let m = monthOf(year.startsOn.slice(0, 7)); m && m.from <= last; m = monthOf(addDays(m.to, 1).slice(0, 7))) {
    out.push({ ...m, from: m.from < year.startsOn ? year.startsOn : m.from, to: m.to > last ? last : m.to });
  }
  return out;
}
