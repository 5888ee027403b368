import type * as Y from 'yjs';
import type { ClassId, GroupId, SubjectId, UserId } from '../ids.ts';
import { pageLessons } from '../journal/page.ts';
import { curriculumHours } from '../school/curriculum-hours.ts';
import { classes } from '../school/staff.ts';
import { allAssignments } from '../school/teaching-load.ts';
import { timetableEntries } from '../school/timetable.ts';

/** One journal page a teacher's КТП is taught on, and the lessons it has in the year. */
export interface KtpPage {
  classId: ClassId;
  groupId: GroupId;
  lessons: number;
}

/**
 * IMP-13: the pages a teacher teaches a subject on in the classes of a grade (by the teaching
 * load or the weekly timetable), each with the lessons the timetable gives it over the school
 * year, holidays excluded (PAGE-1): the curriculum hours as this school's timetable carries them
 * out, which is what the teacher's КТП must total when the subject has no hours per week for the
 * grade (SETUP-21).
 *
 * @example curriculumPages(school, 'u-teacher', 'math', 5) // [{ classId: '5b', groupId: 'all', lessons: 163 }]
 */
export function curriculumPages(school: Y.Doc, teacherId: UserId, subjectId: SubjectId, grade: number): KtpPage[] {
  const ofGrade = (classId: string) => classes.get(school, classId)?.grade === grade;
  const pages = new Map<string, [ClassId, GroupId]>();
  for (const a of allAssignments(school)) {
    if (a.teacherId === teacherId && a.subjectId === subjectId && ofGrade(a.classId))
      pages.set(`${a.classId}:${a.groupId}`, [a.classId, a.groupId]);
  }
  for (const e of timetableEntries(school)) {
    if (e.teacherId === teacherId && e.subjectId === subjectId && ofGrade(e.classId))
      pages.set(`${e.classId}:${e.groupId}`, [e.classId, e.groupId]);
  }
  return [...pages.values()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([classId, groupId]) => ({ classId, groupId, lessons: pageLessons(school, null, classId, subjectId, groupId).length }));
}

/** Hours as Russian writes them: «8,5». */
export const ruHours = (n: number) => String(Math.round(n * 10) / 10).replace('.', ',');

/** «не хватает 2 ч» / «лишние 2 ч», for a total against the hours it should have. */
export function hoursDifference(total: number, planned: number): string {
  const diff = Math.round((planned - total) * 10) / 10;
  return diff > 0 ? `не хватает ${ruHours(diff)} ч` : `лишние ${ruHours(-diff)} ч`;
}

/**
 * What a teacher's КТП of a subject and grade must total: the curriculum hours when the subject
 * has hours per week for the grade (SETUP-20); otherwise the lessons the timetable gives the
 * teacher's page (the page nearest to `total` when the teacher has several that differ); `none`
 * when neither says (no hours per week and no lessons in the timetable).
 */
export type KtpHoursTarget =
  | { source: 'curriculum'; hours: number; perWeek: number; weeks: number; pages: KtpPage[] }
  | { source: 'timetable'; hours: number; pages: KtpPage[] }
  | { source: 'none'; pages: KtpPage[] };

/**
 * SETUP-21: the hours a КТП totalling `total` is checked against (see `KtpHoursTarget`).
 *
 * @example ktpHoursTarget(school, 'u-teacher', 'math', 5, 168) // { source: 'curriculum', hours: 170, perWeek: 5, weeks: 34, … }
 */
export function ktpHoursTarget(school: Y.Doc, teacherId: UserId, subjectId: SubjectId, grade: number, total: number): KtpHoursTarget {
  const pages = curriculumPages(school, teacherId, subjectId, grade);
  const curriculum = curriculumHours(school, subjectId, grade);
  if (curriculum) return { source: 'curriculum', ...curriculum, pages };
  const taught = pages.filter((p) => p.lessons > 0);
  if (taught.length === 0) return { source: 'none', pages };
  const nearest = taught.reduce((best, p) => (Math.abs(p.lessons - total) < Math.abs(best - total) ? p.lessons : best), taught[0].lessons);
  return { source: 'timetable', hours: nearest, pages };
}

/**
 * SETUP-21: what is wrong with a КТП's total against its target, in Russian, or undefined when
 * it matches (or there is no target): «в КТП 68 ч, по учебному плану 102 ч (3 ч/нед × 34 нед):
 * не хватает 34 ч»; without hours per week, «в КТП 7 ч, по расписанию на год 8 ч (…): не хватает 1 ч».
 */
export function ktpHoursMismatch(target: KtpHoursTarget, total: number, className: (id: ClassId) => string): string | undefined {
  if (target.source === 'none' || target.hours === Math.round(total * 10) / 10) return undefined;
  const diff = hoursDifference(total, target.hours);
  if (target.source === 'curriculum') {
    const how = `${ruHours(target.perWeek)} ч/нед × ${target.weeks} нед`;
    return `в КТП ${ruHours(total)} ч, по учебному плану ${ruHours(target.hours)} ч (${how}): ${diff}`;
  }
  const taught = target.pages.filter((p) => p.lessons > 0);
  const where =
    new Set(taught.map((x) => x.lessons)).size > 1 ? ` (${taught.map((x) => `${className(x.classId)}: ${x.lessons} ч`).join(', ')})` : '';
  return `в КТП ${ruHours(total)} ч, по расписанию на год ${target.hours} ч${where} (часы в неделю по учебному плану не заданы): ${diff}`;
}
