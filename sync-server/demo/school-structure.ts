/**
 * The school-year structure the demo and the benchmark share: the calendar of 2026/27
 * (quarters, halves, holidays, bells), the subject and work-type catalogue, staff, and
 * classes with their groups and teaching load. Everything is written through the model's
 * accessors; the caller wraps the calls in one transaction.
 */
import type * as Y from 'yjs';
import {
  asDate,
  assignTeacher,
  bells,
  classes,
  groups,
  holidays,
  initSchoolYear,
  periods,
  staff,
  subjects,
  workTypes,
  deadlineSettings,
  DEADLINES_KEY,
  DEFAULT_DEADLINES,
  type ClassId,
  type GroupId,
  type SchoolId,
  type SubjectId,
  type UserId,
  type YearId,
} from '../../model/index.ts';
import { subjectHours, SUBJECTS, WORK_TYPES, type HoursTable } from './curriculum.ts';

export const YEAR_ID = '2026' as YearId;
export const YEAR_START = asDate('2026-09-01');
export const YEAR_END = asDate('2027-05-31');

const d = asDate;

/** Quarters for grades 1–9, halves for 10–11 (the usual положение of a Russian school). */
export const PERIODS = [
  { id: 'q1', name: '1 четверть', startsOn: d('2026-09-01'), endsOn: d('2026-10-25'), minGrade: 1, maxGrade: 9 },
  { id: 'q2', name: '2 четверть', startsOn: d('2026-11-05'), endsOn: d('2026-12-28'), minGrade: 1, maxGrade: 9 },
  { id: 'q3', name: '3 четверть', startsOn: d('2027-01-12'), endsOn: d('2027-03-21'), minGrade: 1, maxGrade: 9 },
  { id: 'q4', name: '4 четверть', startsOn: d('2027-03-29'), endsOn: d('2027-05-31'), minGrade: 1, maxGrade: 9 },
  { id: 'h1', name: '1 полугодие', startsOn: d('2026-09-01'), endsOn: d('2026-12-28'), minGrade: 10, maxGrade: 11 },
  { id: 'h2', name: '2 полугодие', startsOn: d('2027-01-12'), endsOn: d('2027-05-31'), minGrade: 10, maxGrade: 11 },
] as const;

/** School holidays and the public holidays that fall on school days (with the 2027 transfers). */
export const HOLIDAYS = [
  { id: 'autumn', name: 'Осенние каникулы', startsOn: d('2026-10-26'), endsOn: d('2026-11-04') },
  { id: 'winter', name: 'Зимние каникулы', startsOn: d('2026-12-29'), endsOn: d('2027-01-11') },
  { id: 'feb23', name: 'День защитника Отечества', startsOn: d('2027-02-23'), endsOn: d('2027-02-23') },
  { id: 'mar8', name: 'Международный женский день', startsOn: d('2027-03-08'), endsOn: d('2027-03-08') },
  { id: 'spring', name: 'Весенние каникулы', startsOn: d('2027-03-22'), endsOn: d('2027-03-28') },
  { id: 'may1', name: 'Праздник Весны и Труда (перенос)', startsOn: d('2027-05-03'), endsOn: d('2027-05-03') },
  { id: 'may9', name: 'День Победы (перенос)', startsOn: d('2027-05-10'), endsOn: d('2027-05-10') },
] as const;

/** Bell slots: 45-minute lessons, 10-minute breaks, two 20-minute breaks for meals. */
export const BELLS = [
  ['08:30', '09:15'],
  ['09:25', '10:10'],
  ['10:30', '11:15'],
  ['11:35', '12:20'],
  ['12:30', '13:15'],
  ['13:25', '14:10'],
  ['14:20', '15:05'],
  ['15:15', '16:00'],
] as const;

/**
 * Writes the meta, calendar, bells and catalogue of the school year. `hours` gives the subjects
 * their hours per week (YEAR-4), which the КТП must then total (SETUP-20); without it they have
 * none, and a КТП is measured by the timetable (the benchmarks' generated schools).
 */
export function writeYearStructure(doc: Y.Doc, schoolId: SchoolId, schoolName: string, hours?: HoursTable): void {
  initSchoolYear(doc, { schoolId, yearId: YEAR_ID, schoolName, title: '2026/2027 учебный год', startsOn: YEAR_START, endsOn: YEAR_END });
  for (const { id, ...p } of PERIODS) periods.set(doc, id, p);
  for (const { id, ...h } of HOLIDAYS) holidays.set(doc, id, h);
  BELLS.forEach(([starts, ends], i) => bells.set(doc, String(i + 1), { starts, ends }));
  for (const [id, s] of Object.entries(SUBJECTS)) {
    const perWeek = hours && subjectHours(hours, id);
    subjects.set(doc, id, { name: s.name, marking: s.marking, ...(perWeek ? { hours: perWeek } : {}) });
  }
  for (const [id, w] of Object.entries(WORK_TYPES)) {
    workTypes.set(doc, id, { name: w.name, short: w.short, weight: w.weight, ...(w.deadlineDays ? { deadlineDays: w.deadlineDays } : {}) });
  }
  deadlineSettings.set(doc, DEADLINES_KEY, DEFAULT_DEADLINES);
}

export interface StaffSpec {
  id: UserId;
  /** «Фамилия Имя Отчество». */
  name: string;
}

/** «Смирнова Ольга Петровна» → «Смирнова О. П.», as the journal prints teachers. */
export function shortName(full: string): string {
  const [surname, ...rest] = full.split(' ');
  return [surname, ...rest.map((p) => `${p[0]}.`)].join(' ');
}

export function writeStaff(doc: Y.Doc, members: readonly StaffSpec[]): void {
  for (const m of members) staff.set(doc, m.id, { name: m.name, short: shortName(m.name) });
}

/** One teacher's share of a subject in a class: the whole class, or one group of a split. */
export interface GroupPlan {
  groupId: GroupId;
  /** Set for real groups; the whole class (`all`) is not stored. */
  name?: string;
  teacherId: UserId;
  room: string;
}

/** A subject of a class: its weekly hours and who teaches it (several groups when split). */
export interface StreamPlan {
  subjectId: SubjectId;
  hours: number;
  groups: GroupPlan[];
}

export interface ClassPlan {
  classId: ClassId;
  name: string;
  grade: number;
  classTeacherId: UserId | null;
  /** Lessons per day, Monday to Friday; sums to the weekly hours of the streams. */
  daily: readonly number[];
  streams: StreamPlan[];
}

/** Writes a class, its groups and its teaching load (assignTeacher for every group taught). */
export function writeClass(doc: Y.Doc, plan: ClassPlan): void {
  classes.set(doc, plan.classId, { name: plan.name, grade: plan.grade, classTeacherId: plan.classTeacherId });
  for (const s of plan.streams) {
    for (const g of s.groups) {
      if (g.name !== undefined) groups.set(doc, g.groupId, { classId: plan.classId, subjectId: s.subjectId, name: g.name });
      assignTeacher(doc, { classId: plan.classId, subjectId: s.subjectId, groupId: g.groupId, teacherId: g.teacherId });
    }
  }
}
