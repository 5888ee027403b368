import type * as Y from 'yjs';
import { addDays } from '../dates.ts';
import { isIsoDate, type IsoDate } from '../ids.ts';
import { listStudents, type Student } from '../journal/student.ts';
import type { SchoolMeta } from '../school/school-year.ts';
import { ReportParamError, type ReportInput } from './report-context.ts';
import { reportDate } from './report-month.ts';

/**
 * The student a report is for (`?student=`): one of the class journal's roster (STU-3), present
 * or past — a student who left keeps their record. Anyone else is a parameter error (HTTP 400).
 */
export function reportStudent(input: ReportInput, journal: Y.Doc, className: string): Student {
  const id = input.params.studentId;
  if (!id) throw new ReportParamError('Укажите ученика');
  const student = listStudents(journal).find((s) => s.id === id);
  if (!student) throw new ReportParamError(`Ученика «${id}» нет в списке класса ${className}`);
  return student;
}

/**
 * The days a report covers: `?from=YYYY-MM-DD&to=YYYY-MM-DD`; without `to`, up to today (or
 * `days` days from a later `from`); without `from`, the `days` days up to `to` — by default the
 * last `days` days up to today. Cut to the school year; a malformed date, a start after the end
 * or a range outside the school year is a parameter error (HTTP 400).
 *
 * @example reportDays({ …, params: {}, today: '2026-12-01' }, year, 14) // { from: '2026-11-18', to: '2026-12-01' }
 */
export function reportDays(
  input: ReportInput,
  year: Pick<SchoolMeta, 'startsOn' | 'endsOn'>,
  days: number,
): { from: IsoDate; to: IsoDate } {
  const { from, to } = input.params;
  for (const v of [from, to])
    if (v !== undefined && !isIsoDate(v)) throw new ReportParamError(`Дата указывается как ГГГГ-ММ-ДД, а не «${v}»`);
  const asked = from as IsoDate | undefined;
  const end = (to as IsoDate | undefined) ?? (asked !== undefined && asked > input.today ? addDays(asked, days - 1) : input.today);
  const start = asked ?? addDays(end, -(days - 1));
  if (start > end) throw new ReportParamError(`Начало ${reportDate(start)} позже конца ${reportDate(end)}`);
  if (end < year.startsOn || start > year.endsOn) throw new ReportParamError(`${reportDate(start)}–${reportDate(end)} — вне учебного года`);
  return { from: start < year.startsOn ? year.startsOn : start, to: end > year.endsOn ? year.endsOn : end };
}
