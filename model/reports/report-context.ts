import type * as Y from 'yjs';
import type { ClassId, IsoDate } from '../ids.ts';
import { noPeriodReason, periodAt, periods, type Period } from '../school/school-year.ts';
import { classes, type SchoolClass } from '../school/staff.ts';
import type { TimedRow } from '../monitoring/entry-times.ts';
import type { ReportTable } from './report-table.ts';

/** What a report is asked for: a class, a study period, a month (`YYYY-MM`), as the query gives them. */
export interface ReportParams {
  classId?: string;
  periodId?: string;
  month?: string;
  /** A student of the class's roster (`?student=`), for a report that `needs` a `student`. */
  studentId?: string;
  /** The first and last day (`?from=YYYY-MM-DD&to=YYYY-MM-DD`), for a report that `needs` `dates`. */
  from?: string;
  to?: string;
}

/** What a report reads: the school year, the journals it needs (by class id), the day it is asked on. */
export interface ReportInput {
  school: Y.Doc;
  journals: ReadonlyMap<ClassId, Y.Doc>;
  params: ReportParams;
  today: IsoDate;
  /** The change rows of each journal (HIST-1), for a report that `needs` its `history`. */
  changes?: ReadonlyMap<ClassId, readonly TimedRow[]>;
}

/** A report: its id, title, the parameters it needs, and the pure function that builds it. */
export interface ReportDefinition {
  kind: string;
  title: string;
  /**
   * `class`: one class's journal (else every class of the school); `period`: a study period of its
   * grade; `history`: the journals' change rows too (`ReportInput.changes`), read from the store;
   * `student`: one student of the class (`params.studentId`); `dates`: a range of days (`params.from`, `params.to`).
   */
  needs: ReadonlyArray<'class' | 'period' | 'month' | 'history' | 'student' | 'dates'>;
  build(input: ReportInput): ReportTable;
}

/** Thrown for a parameter a report cannot use (unknown class or period): the route answers 400 with it. */
export class ReportParamError extends Error {}

/** The class a report is for, or a clear error. */
export function reportClass(input: ReportInput): { classId: ClassId; cls: SchoolClass; journal: Y.Doc } {
  const classId = input.params.classId as ClassId | undefined;
  const cls = classId ? classes.get(input.school, classId) : undefined;
  const journal = classId ? input.journals.get(classId) : undefined;
  if (!classId || !cls || !journal) throw new ReportParamError(`Неизвестный класс «${input.params.classId ?? ''}»`);
  return { classId, cls, journal };
}

/** The study period asked for, or the grade's period of today (SCH-8); a period of another grade is an error. */
export function reportPeriod(input: ReportInput, grade: number): { periodId: string; period: Period } {
  const id = input.params.periodId;
  if (id) {
    const p = periods.get(input.school, id);
    if (!p || grade < p.minGrade || grade > p.maxGrade) throw new ReportParamError(`Неизвестный период «${id}» для ${grade} класса`);
    return { periodId: id, period: p };
  }
  const found = periodAt(input.school, grade, input.today);
  if (!found) {
    const why = noPeriodReason(input.school, grade, input.today);
    throw new ReportParamError(`${why[0].toUpperCase()}${why.slice(1)}; выберите период`);
  }
  return { periodId: found[0], period: found[1] };
}

/** «09.11–28.12.2026». */
export function periodRange(p: Period): string {
  const d = (iso: IsoDate) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;
  return `${d(p.startsOn)}–${d(p.endsOn)}.${p.endsOn.slice(0, 4)}`;
}

/** The last day a period's figures count: its end, or today while it runs. */
export function periodCutoff(p: Period, today: IsoDate): IsoDate {
  return p.endsOn < today ? p.endsOn : today;
}
