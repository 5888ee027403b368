import type * as Y from 'yjs';
import { addDays } from '../dates.ts';
import { rootMap } from '../doc/flat-map.ts';
import type { ClassId, IsoDate } from '../ids.ts';
import { isPeriodClosed } from '../school/closures.ts';
import { periodsForGrade, readSchoolMeta } from '../school/school-year.ts';
import { classes, groups } from '../school/staff.ts';
import { subjects } from '../school/subject.ts';
import { IUP_EXEMPT, parseIupPlan, type IupPlan } from './iup.ts';
import { parseLessonId } from './lesson.ts';
import { isEnrolledOn, isInGroup, type Student } from './student.ts';

/** The longest basis (основание) of a plan: an order's number and date, a request, a medical report. */
export const IUP_BASIS_MAX = 500;

/** «02.12.2026». */
const fullDate = (d: IsoDate) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

/**
 * IUP-4: the problems of storing `value` as a student's plan in the journal of `classId`
 * (empty: fine; the server refuses the write with them, the page before writing): a well-formed
 * plan whose first day is in the school year and whose last day (`until` − 1) is not before the
 * first nor after the year's end; a basis of 1…500 characters; at least one subject, each a
 * subject of the school year, each group a group of this class and of that subject.
 */
export function iupPlanProblems(school: Y.Doc, classId: ClassId, value: unknown): string[] {
  const plan = parseIupPlan(value);
  if (!plan) return ['Неверная запись индивидуального учебного плана.'];
  const out: string[] = [];
  const year = readSchoolMeta(school);
  if (year && (plan.since < year.startsOn || plan.since > year.endsOn))
    out.push(`Начало ИУП (${fullDate(plan.since)}) — вне учебного года.`);
  if (plan.until !== null) {
    if (plan.until <= plan.since) out.push('Последний день ИУП — раньше его начала.');
    else if (year && plan.until > addDays(year.endsOn, 1))
      out.push(`Последний день ИУП (${fullDate(addDays(plan.until, -1))}) — после конца учебного года.`);
  }
  const basis = plan.basis.trim();
  if (!basis) out.push('Укажите основание ИУП: приказ, заявление родителей, заключение ПМПК.');
  else if (plan.basis.length > IUP_BASIS_MAX) out.push(`Основание ИУП — не длиннее ${IUP_BASIS_MAX} знаков.`);
  const named = Object.entries(plan.subjects);
  if (named.length === 0) out.push('Укажите хотя бы один предмет, который ученик изучает по ИУП отдельно или не изучает.');
  const className = classes.get(school, classId)?.name ?? classId;
  for (const [subjectId, mode] of named) {
    const subject = subjects.get(school, subjectId);
    if (!subject) {
      out.push(`Нет такого предмета «${subjectId}».`);
      continue;
    }
    if (mode === IUP_EXEMPT) continue;
    const g = groups.get(school, mode);
    if (!g || g.classId !== classId || g.subjectId !== subjectId)
      out.push(`Группа «${g?.name ?? mode}» — не группа ${className} по предмету «${subject.name}».`);
  }
  return out;
}

/** A stretch of days `[from, to)`; `to` null: to the end of the year. */
interface Stretch {
  from: IsoDate;
  to: IsoDate | null;
}

const later = (a: IsoDate | null, b: IsoDate | null) => (a === null || b === null ? null : a > b ? a : b);
const earlier = (a: IsoDate | null, b: IsoDate | null) => (a === null ? b : b === null ? a : a < b ? a : b);
const sameSubjects = (a: IupPlan, b: IupPlan) =>
  Object.keys(a.subjects).length === Object.keys(b.subjects).length && Object.entries(a.subjects).every(([k, v]) => b.subjects[k] === v);

/**
 * IUP-5: the days on which replacing one stored plan by another can change who is on a page:
 * a whole plan's days when one side has none (or they name different subjects or groups: both
 * plans' days, conservatively); else only where the two dates differ.
 */
export function iupChangedStretches(oldValue: unknown, newValue: unknown): Stretch[] {
  const a = parseIupPlan(oldValue);
  const b = parseIupPlan(newValue);
  if (!a && !b) return [];
  if (!a || !b) {
    const p = (a ?? b)!;
    return [{ from: p.since, to: p.until }];
  }
  if (!sameSubjects(a, b)) return [{ from: a.since < b.since ? a.since : b.since, to: later(a.until, b.until) }];
  const out: Stretch[] = [];
  if (a.since !== b.since) out.push({ from: a.since < b.since ? a.since : b.since, to: a.since < b.since ? b.since : a.since });
  if (a.until !== b.until) out.push({ from: earlier(a.until, b.until)!, to: later(a.until, b.until) });
  return out;
}

/**
 * IUP-5: a change of a plan that would change who is on the pages of a period closed for the
 * class (SCH-9, PERM-10) is refused: the name of the first such period, or null.
 */
export function iupClosedPeriod(school: Y.Doc, classId: ClassId, grade: number, oldValue: unknown, newValue: unknown): string | null {
  const stretches = iupChangedStretches(oldValue, newValue);
  if (stretches.length === 0) return null;
  for (const [id, p] of periodsForGrade(school, grade)) {
    if (!isPeriodClosed(school, classId, id)) continue;
    if (stretches.some((s) => s.from <= p.endsOn && (s.to === null || s.to > p.startsOn))) return p.name;
  }
  return null;
}

/** IUP-6: what a plan would take off the pages: how many records, and the earliest one's date and subject. */
export interface HiddenEntries {
  count: number;
  first: { date: IsoDate; subjectId: string } | null;
}

/**
 * IUP-6 (like STU-8 for a group transfer): the marks and absence marks of the student the
 * journal holds on lessons whose page they are on now and would leave under `plan` (null: no
 * plan): a plan is not written over records it would hide.
 */
export function iupHiddenEntries(journal: Y.Doc, student: Student, plan: IupPlan | null): HiddenEntries {
  const next: Student = { ...student, iup: plan ?? undefined };
  const out: HiddenEntries = { count: 0, first: null };
  const visit = (v: unknown, key: string) => {
    if (v === null) return;
    const [lesson, studentId] = key.split(':');
    if (studentId !== student.id) return;
    const k = parseLessonId(lesson);
    if (!k || !isEnrolledOn(student, k.date)) return;
    if (!isInGroup(student, k.groupId, k.date, k.subjectId) || isInGroup(next, k.groupId, k.date, k.subjectId)) return;
    out.count++;
    if (!out.first || k.date < out.first.date) out.first = { date: k.date, subjectId: k.subjectId };
  };
  rootMap(journal, 'marks').forEach(visit);
  rootMap(journal, 'attendance').forEach(visit);
  return out;
}

/** IUP-6: the Russian problem of a plan that would hide records, or none. */
export function iupHiddenProblems(school: Y.Doc, journal: Y.Doc, student: Student, plan: IupPlan | null): string[] {
  const { count, first } = iupHiddenEntries(journal, student, plan);
  if (!first) return [];
  const subject = subjects.get(school, first.subjectId)?.name ?? first.subjectId;
  return [
    `У ученика уже есть отметки или пропуски (${count}) на уроках, с которых ИУП его уберёт (первая — ${subject}, ${fullDate(first.date)}): начните ИУП после этих уроков.`,
  ];
}
