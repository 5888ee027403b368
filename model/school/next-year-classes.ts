import type * as Y from 'yjs';
import { randomId, WHOLE_CLASS, type ClassId, type GroupId, type IsoDate } from '../ids.ts';
import { listStudents, type Student } from '../journal/student.ts';
import { classes, groups, type Group, type SchoolClass } from './staff.ts';

/**
 * YEAR-16: how the classes of one school year become the next one's. A class of grade g < 11
 * moves up as a whole — its students, its groups, its class teacher — to grade g + 1 (5Б → 6Б),
 * except the 9th grades: after the ОГЭ their students leave, and the 10th grade is formed anew.
 * So the grades nobody moves into — 1 and 10 — get their classes empty, one for each class that
 * grade had this year, for the deputy to enrol.
 */

/** The grades whose students leave the school at the year's end (after the ОГЭ and the ЕГЭ). */
export const LEAVING_GRADES: readonly number[] = [9, 11];
/** The grades whose classes start empty: nobody moves up into them. */
export const ENTRY_GRADES: readonly number[] = [1, 10];

export interface ClassPlan {
  /** The class in the next year. */
  id: ClassId;
  class: SchoolClass;
  /** The cohort that moves up into it (this year's class), or null for an empty class. */
  cohort: ClassId | null;
  /** This year's class of the same grade and name, whose load and timetable it takes. */
  model: ClassId | null;
  /** This year's groups of the cohort → the next year's. */
  groupIds: Map<GroupId, GroupId>;
  groups: Map<GroupId, Group>;
}

export interface Departure {
  classId: ClassId;
  className: string;
  studentId: Student['id'];
  name: string;
  /** STU-6: the first day the student is no longer in the class, the day after the year ends. */
  leftOn: IsoDate;
}

/** `5b` of grade 5 → `6b`: an id that spells its grade moves with it; any other id is kept. */
function renamedId(id: string, from: string, to: string): string {
  if (!id.startsWith(from)) return id;
  const rest = id.slice(from.length);
  return /^\d/.test(rest) ? id : `${to}${rest}`;
}

function unique(id: string, taken: Set<string>, random: () => number): string {
  let out = id;
  while (taken.has(out)) out = `${id.slice(0, 33)}-${randomId(6, random)}`;
  taken.add(out);
  return out;
}

/** `5Б` → `6Б`; a name that does not start with its grade is kept, for the deputy to rename. */
export function promotedName(name: string, grade: number, next: number): string {
  return name.startsWith(String(grade)) && !/^\d/.test(name.slice(String(grade).length))
    ? `${next}${name.slice(String(grade).length)}`
    : name;
}

/** The next year's classes with their groups, in this year's grade and name order. */
export function planClasses(school: Y.Doc, random: () => number): ClassPlan[] {
  const now = classes.all(school).sort(([, a], [, b]) => a.grade - b.grade || a.name.localeCompare(b.name, 'ru'));
  const byGradeName = new Map(now.map(([id, c]) => [`${c.grade}:${c.name}`, id as ClassId]));
  const taken = new Set<string>();
  const takenGroups = new Set<string>();
  const plans: ClassPlan[] = [];
  const add = (from: ClassId, c: SchoolClass, grade: number, cohort: boolean) => {
    const name = cohort ? promotedName(c.name, c.grade, grade) : c.name;
    const id = unique(cohort ? renamedId(from, String(c.grade), String(grade)) : from, taken, random) as ClassId;
    const plan: ClassPlan = {
      id,
      class: { name, grade, classTeacherId: cohort ? c.classTeacherId : null },
      cohort: cohort ? from : null,
      model: byGradeName.get(`${grade}:${name}`) ?? null,
      groupIds: new Map(),
      groups: new Map(),
    };
    // An empty class takes the groups of this year's class it is named after; a cohort keeps its own.
    const source = cohort ? from : plan.model;
    for (const [gid, g] of groups.all(school)) {
      if (g.classId !== source || g.iupStudentId !== undefined) continue; // a plan's group of one is that year's (IUP-7)
      const next = unique(renamedId(gid, `${source}-`, `${id}-`), takenGroups, random) as GroupId;
      plan.groupIds.set(gid as GroupId, next);
      plan.groups.set(next, { classId: id, subjectId: g.subjectId, name: g.name });
    }
    plans.push(plan);
  };
  // The cohorts first, so an empty class never takes the id a cohort's renamed id needs.
  for (const [id, c] of now) if (!LEAVING_GRADES.includes(c.grade) && c.grade < 11) add(id as ClassId, c, c.grade + 1, true);
  for (const [id, c] of now) if (ENTRY_GRADES.includes(c.grade)) add(id as ClassId, c, c.grade, false);
  return plans;
}

/** Whether a student is still in the class when the year ends. */
const presentAtEnd = (s: Student, endsOn: IsoDate) =>
  (s.enrolledOn === null || s.enrolledOn <= endsOn) && (s.leftOn === null || s.leftOn > endsOn);

/** The next year's roster of a cohort: who is in it at the year's end, with the groups that carry over. */
export function carriedStudents(journal: Y.Doc | undefined, plan: ClassPlan, endsOn: IsoDate, startsOn: IsoDate): Student[] {
  if (!journal || !plan.cohort) return [];
  return listStudents(journal)
    .filter((s) => presentAtEnd(s, endsOn))
    .map((s) => ({
      id: s.id,
      name: s.name,
      groups: s.groups.flatMap((g) => (g === WHOLE_CLASS ? [g] : plan.groupIds.has(g) ? [plan.groupIds.get(g)!] : [])),
      enrolledOn: startsOn,
      leftOn: null,
    }));
}

/** The students of the leaving grades present at the year's end. */
export function departures(school: Y.Doc, journals: ReadonlyMap<ClassId, Y.Doc>, endsOn: IsoDate, leftOn: IsoDate): Departure[] {
  const out: Departure[] = [];
  for (const [classId, c] of classes.all(school)) {
    if (!LEAVING_GRADES.includes(c.grade)) continue;
    const journal = journals.get(classId as ClassId);
    if (!journal) continue;
    for (const s of listStudents(journal)) {
      if (presentAtEnd(s, endsOn)) out.push({ classId: classId as ClassId, className: c.name, studentId: s.id, name: s.name, leftOn });
    }
  }
  return out.sort((a, b) => a.className.localeCompare(b.className, 'ru') || a.name.localeCompare(b.name, 'ru'));
}
