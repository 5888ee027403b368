import * as Y from 'yjs';
import { change, joinKey, rootMap, splitKey } from '../doc/flat-map.ts';
import { WHOLE_CLASS, type ClassId, type GroupId, type IsoDate, type YearId } from '../ids.ts';
import { initJournal } from '../journal/journal-doc.ts';
import { putStudent } from '../journal/student.ts';
import { carriedStudents, departures, planClasses, type ClassPlan, type Departure } from './next-year-classes.ts';
import { holidays, initSchoolYear, periods, readSchoolMeta, type SchoolMeta } from './school-year.ts';
import { classes, groups } from './staff.ts';
import { loadEntries } from './teaching-load.ts';
import { timetableRecords } from './timetable.ts';

/**
 * YEAR-16…YEAR-18: the next school year, prepared from the current one while it runs — a new
 * school-year document and the journals of its classes, built aside and stored as new documents;
 * the current year's documents are only read. The deputy adjusts the result on «Учебный год».
 *
 * Dates move by one calendar year, day for day (1 September stays 1 September, whatever weekday
 * it falls on; 29 February becomes 28 February): the deputy corrects a period or a holiday that
 * should start on a Monday. What a school keeps from year to year is copied whole — bells,
 * subjects with their hours and marking systems, work types, rooms, staff, settings and every
 * КТП (a КТП belongs to a teacher, subject and grade, not to a class). What belongs to one year —
 * substitutions, moves, the control-work schedule, closures — starts empty.
 */

export interface NextYear {
  name: string;
  meta: Omit<SchoolMeta, 'schemaVersion'>;
  school: Y.Doc;
  /** The new year's journals, by class id: the cohorts with their students, the entry classes empty. */
  journals: Map<ClassId, Y.Doc>;
  classes: ClassPlan[];
  /** YEAR-17: the students of the 9th and 11th grades, who leave when this year ends. */
  departures: Departure[];
}

/** The maps copied as they are (DOC-6 records, removed ones left out). */
const KEPT_MAPS = ['subjects', 'workTypes', 'staff', 'bells', 'rooms', 'ktp', 'settings'] as const;

/** `2026-09-01` → `2027-09-01`; 29 February → 28 February. */
export function nextYearDate(d: IsoDate): IsoDate {
  const y = Number(d.slice(0, 4)) + 1;
  const md = d.slice(5) === '02-29' ? '02-28' : d.slice(5);
  return `${y}-${md}` as IsoDate;
}

const dayAfter = (d: IsoDate): IsoDate => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) as IsoDate;

/** The next year's id: a year id that is the starting year moves on by one, any other becomes it. */
export function nextYearId(meta: Pick<SchoolMeta, 'yearId' | 'startsOn'>): YearId {
  return (/^\d{4}$/.test(meta.yearId) ? String(Number(meta.yearId) + 1) : nextYearDate(meta.startsOn).slice(0, 4)) as YearId;
}

/** «2026/2027 учебный год» → «2027/2028 учебный год»: every year in the title moves by one. */
const nextTitle = (title: string) => title.replace(/\b(19|20)\d\d\b/g, (y) => String(Number(y) + 1));

/** The next year's document name, to know whether it was prepared already. */
export function nextYearDocName(school: Y.Doc): string | null {
  const meta = readSchoolMeta(school);
  return meta ? `school/${meta.schoolId}/${nextYearId(meta)}` : null;
}

/**
 * Builds the next year from the current school year and its journals (by class id). Group ids,
 * class ids that spell their grade (`5b` → `6b`) and new ids come from `random` where one must be
 * made up, so a test can fix them.
 */
export function prepareNextYear(
  current: Y.Doc,
  journals: ReadonlyMap<ClassId, Y.Doc>,
  opts: { origin?: unknown; random?: () => number } = {},
): NextYear {
  const meta = readSchoolMeta(current);
  if (!meta) throw new Error('The school year has no meta: it is not synced');
  const random = opts.random ?? Math.random;
  const origin = opts.origin ?? 'system';
  const next = {
    schoolId: meta.schoolId,
    yearId: nextYearId(meta),
    schoolName: meta.schoolName,
    title: nextTitle(meta.title),
    startsOn: nextYearDate(meta.startsOn),
    endsOn: nextYearDate(meta.endsOn),
  };
  const plans = planClasses(current, random);
  const school = new Y.Doc();
  change(school, origin, () => {
    initSchoolYear(school, next);
    for (const map of KEPT_MAPS) {
      for (const [key, value] of rootMap(current, map).entries()) if (value !== null) rootMap(school, map).set(key, value);
    }
    for (const [id, p] of periods.all(current)) {
      periods.set(school, id, { ...p, startsOn: nextYearDate(p.startsOn), endsOn: nextYearDate(p.endsOn) });
    }
    for (const [id, h] of holidays.all(current)) {
      holidays.set(school, id, { ...h, startsOn: nextYearDate(h.startsOn), endsOn: nextYearDate(h.endsOn) });
    }
    for (const plan of plans) {
      classes.set(school, plan.id, plan.class);
      for (const [gid, g] of plan.groups) groups.set(school, gid, g);
      copyLoadAndTimetable(current, school, plan);
    }
  });

  const out = new Map<ClassId, Y.Doc>();
  for (const plan of plans) {
    const journal = new Y.Doc();
    change(journal, origin, () => {
      initJournal(journal, {
        schoolId: meta.schoolId,
        classId: plan.id,
        yearId: next.yearId,
        className: plan.class.name,
        grade: plan.class.grade,
      });
      const cohort = plan.cohort ? journals.get(plan.cohort) : undefined;
      for (const s of carriedStudents(cohort, plan, meta.endsOn, next.startsOn)) putStudent(journal, s);
    });
    out.set(plan.id, journal);
  }
  return {
    name: `school/${meta.schoolId}/${next.yearId}`,
    meta: next,
    school,
    journals: out,
    classes: plans,
    departures: departures(current, journals, meta.endsOn, dayAfter(meta.endsOn)),
  };
}

/**
 * YEAR-18: the load and the weekly timetable of this year's class of the same grade and name
 * (this year's 6Б for next year's 6Б): the same teacher teaches the same subject and grade. A
 * group is matched by its subject and name; a page whose group the new class lacks is left for
 * the deputy, and so is a timetable entry whose page is not in the copied load.
 */
function copyLoadAndTimetable(current: Y.Doc, school: Y.Doc, plan: ClassPlan): void {
  if (!plan.model) return;
  const byName = new Map([...plan.groups].map(([gid, g]) => [`${g.subjectId}:${g.name}`, gid]));
  const groupOf = (subjectId: string, groupId: string): GroupId | undefined => {
    if (groupId === WHOLE_CLASS) return WHOLE_CLASS;
    const g = groups.get(current, groupId);
    return g ? byName.get(`${subjectId}:${g.name}`) : undefined;
  };
  const copied = new Map<string, string>();
  for (const [key, entry] of loadEntries.all(current)) {
    const [classId, subjectId, groupId] = splitKey(key);
    if (classId !== plan.model) continue;
    const g = groupOf(subjectId, groupId);
    if (!g) continue;
    loadEntries.set(school, joinKey(plan.id, subjectId, g), { ...entry });
    copied.set(`${subjectId}:${g}`, entry.teacherId);
  }
  for (const [key, entry] of timetableRecords.all(current)) {
    const [classId, weekday, slot, subjectId, groupId] = splitKey(key);
    if (classId !== plan.model) continue;
    const g = groupOf(subjectId, groupId);
    if (!g || copied.get(`${subjectId}:${g}`) !== entry.teacherId) continue;
    timetableRecords.set(school, joinKey(plan.id, weekday, slot, subjectId, g), { ...entry });
  }
}
