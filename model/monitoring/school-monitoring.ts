import type * as Y from 'yjs';
import { addDays } from '../dates.ts';
import type { ClassId, IsoDate } from '../ids.ts';
import { noPeriodReason, periodAt, periods, type Period } from '../school/school-year.ts';
import { classes, type SchoolClass } from '../school/staff.ts';
import { subjects } from '../school/subject.ts';
import { allAssignments } from '../school/teaching-load.ts';
import { ReportParamError } from '../reports/report-context.ts';
import type { TimedRow } from './entry-times.ts';
import { monitorPage, scanJournal, type PageFigures } from './page-monitoring.ts';

/** What monitoring is asked for: the documents, the change rows of each journal, a class and a period or none. */
export interface MonitoringInput {
  school: Y.Doc;
  journals: ReadonlyMap<ClassId, Y.Doc>;
  /** The change rows of each journal in log order (HIST-1); a journal without them has no timeliness. */
  changes?: ReadonlyMap<ClassId, readonly TimedRow[]>;
  /** One class; else every class of the school year that has a journal. */
  classId?: string;
  /** A study period; else each class's period of today (SCH-8). */
  periodId?: string;
  today: IsoDate;
}

/** The period each class is monitored for, and the stretch of it counted. */
export interface MonitoredClass {
  classId: ClassId;
  name: string;
  grade: number;
  periodId: string;
  period: Period;
  from: IsoDate;
  to: IsoDate;
}

export interface SchoolMonitoring {
  classes: MonitoredClass[];
  pages: PageFigures[];
  /** What the reader must know: classes left out, and why. */
  notes: string[];
}

/**
 * MON-5: monitoring of the whole school (or one class): per class, its period — the one asked
 * for when it is of the class's grade (a class of other grades is left out, with a note), else the
 * grade's period of today (SCH-8) — counted from its start to its end or yesterday, whichever is
 * earlier (today's lessons may still be recorded today); then every page of the class's teaching
 * load (SCH-5) with its teacher, by subject name and group (`monitorPage`). Classes by grade and name.
 */
export function monitorSchool(input: MonitoringInput): SchoolMonitoring {
  const asked = input.periodId ? periods.get(input.school, input.periodId) : undefined;
  if (input.periodId && !asked) throw new ReportParamError(`Неизвестный период «${input.periodId}»`);
  let list: Array<[ClassId, SchoolClass]> = classes.all(input.school).map(([id, c]) => [id as ClassId, c]);
  if (input.classId !== undefined) {
    list = list.filter(([id]) => id === input.classId);
    if (list.length === 0 || !input.journals.has(input.classId as ClassId))
      throw new ReportParamError(`Неизвестный класс «${input.classId}»`);
  }
  list.sort(([, a], [, b]) => a.grade - b.grade || a.name.localeCompare(b.name, 'ru'));
  const yesterday = addDays(input.today, -1);
  const out: SchoolMonitoring = { classes: [], pages: [], notes: [] };
  const byName = (id: string) => subjects.get(input.school, id)?.name ?? id;
  for (const [classId, cls] of list) {
    const journal = input.journals.get(classId);
    if (!journal) {
      out.notes.push(`Журнала класса ${cls.name} на сервере нет: он не учтён.`);
      continue;
    }
    let found: [string, Period] | undefined;
    if (asked) {
      if (cls.grade >= asked.minGrade && cls.grade <= asked.maxGrade) found = [input.periodId!, asked];
      else if (input.classId !== undefined) throw new ReportParamError(`Неизвестный период «${input.periodId}» для ${cls.grade} класса`);
      else out.notes.push(`${cls.name}: период «${asked.name}» не для ${cls.grade} класса — класс не учтён.`);
    } else {
      found = periodAt(input.school, cls.grade, input.today);
      if (!found) out.notes.push(`${cls.name}: ${noPeriodReason(input.school, cls.grade, input.today)} — класс не учтён.`);
    }
    if (!found) continue;
    const [periodId, period] = found;
    const to = period.endsOn < yesterday ? period.endsOn : yesterday;
    out.classes.push({ classId, name: cls.name, grade: cls.grade, periodId, period, from: period.startsOn, to });
    const scan = scanJournal(input.school, journal, classId, cls.grade, input.changes?.get(classId) ?? []);
    const pages = allAssignments(input.school)
      .filter((a) => a.classId === classId)
      .sort(
        (a, b) =>
          byName(a.subjectId).localeCompare(byName(b.subjectId), 'ru') || (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0),
      );
    for (const a of pages) {
      out.pages.push(
        monitorPage(scan, { subjectId: a.subjectId, groupId: a.groupId, teacherId: a.teacherId, periodId, from: period.startsOn, to }),
      );
    }
  }
  return out;
}
