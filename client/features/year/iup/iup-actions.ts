import type * as Y from 'yjs';
import {
  addDays,
  change,
  groupRecordProblems,
  groups,
  isIsoDate,
  setStudentField,
  subjects,
  type ClassId,
  type GroupId,
  type IsoDate,
  type Student,
  type SubjectId,
} from '../../../../model/index.ts';
import { IUP_EXEMPT, type IupMode, type IupPlan } from '../../../../model/journal/iup.ts';
import { iupClosedPeriod, iupHiddenProblems, iupPlanProblems } from '../../../../model/journal/iup-checks.ts';
import { iupGroupId, iupGroupRecord } from '../../../../model/school/iup-group.ts';
import { LOCAL_EDIT } from '../../../sync/origins.ts';
import { formatDate } from '../format-date.ts';
import type { YearEdit } from '../year-edit.ts';

/** What the form holds for a plan: the days as typed (the last day, not `until`), and each subject's mode. */
export interface IupDraft {
  since: string;
  /** The plan's last day, or '' for «до конца учебного года». */
  lastDay: string;
  basis: string;
  /** Per subject: a group (taught alone), `exempt`, or absent (with the class). */
  subjects: Record<string, IupMode>;
}

/** The stored plan's form values; a new plan starts today. */
export function draftOf(plan: IupPlan | undefined, today: IsoDate): IupDraft {
  if (!plan) return { since: today, lastDay: '', basis: '', subjects: {} };
  return { since: plan.since, lastDay: plan.until ? addDays(plan.until, -1) : '', basis: plan.basis, subjects: { ...plan.subjects } };
}

/** The plan a draft stands for (IUP-1: `until` is the day after the last one). */
export function planOf(d: IupDraft): IupPlan {
  const until = d.lastDay ? addDays(d.lastDay as IsoDate, 1) : null;
  return { since: d.since as IsoDate, until, basis: d.basis.trim(), subjects: { ...d.subjects } };
}

/**
 * IUP-7: makes sure the student's group of one for the subject exists in the school year
 * (written as this user's edit through «Учебный год», checked like any group, SETUP-5). Returns
 * its id, or null when refused (the problems show in the tab).
 */
export function ensureIupGroup(y: YearEdit, classId: ClassId, subjectId: SubjectId, student: Student): GroupId | null {
  const doc = y.doc();
  if (!doc) return null;
  const id = iupGroupId(doc, classId, subjectId, student.id);
  if (groups.get(doc, id)) return id;
  const record = iupGroupRecord(doc, classId, subjectId, student);
  return y.attempt(groupRecordProblems(doc, id, record), (d) => groups.set(d, id, record)) ? id : null;
}

/**
 * Everything that keeps a plan from being written, in Russian: IUP-4 (the server's own check),
 * IUP-5 (a closed period), IUP-6 (records it would hide); the same rules the server applies, so
 * a refusal there means a stale or hostile client.
 */
export function planProblems(
  school: Y.Doc,
  journal: Y.Doc,
  classId: ClassId,
  grade: number,
  student: Student,
  plan: IupPlan | null,
): string[] {
  if (plan && !isIsoDate(plan.since)) return ['Укажите первый день ИУП.'];
  const out = plan ? iupPlanProblems(school, classId, plan) : [];
  const closed = iupClosedPeriod(school, classId, grade, student.iup ?? null, plan);
  if (closed) out.push(`Период «${closed}» закрыт для класса: ИУП не может менять в нём списки страниц.`);
  if (out.length === 0) out.push(...iupHiddenProblems(school, journal, student, plan));
  return out;
}

/** IUP-3: writes (or, with null, removes) the student's plan as this user's edit of the class journal. */
export function writePlan(journal: Y.Doc, student: Student, plan: IupPlan | null): void {
  change(journal, LOCAL_EDIT, () => setStudentField(journal, student.id, 'iup', plan ?? undefined));
}

/** «Математика — индивидуально (ИУП: Иванов И. П.); Музыка — не изучает». */
export function describeSubjects(school: Y.Doc, plan: IupPlan): string {
  return Object.entries(plan.subjects)
    .map(([id, mode]) => {
      const name = subjects.get(school, id)?.name ?? id;
      return [name, mode === IUP_EXEMPT ? `${name} — не изучает` : `${name} — индивидуально`] as const;
    })
    .sort((a, b) => a[0].localeCompare(b[0], 'ru'))
    .map(([, text]) => text)
    .join('; ');
}

/** «с 02.12.2026 по 31.05.2027», «с 02.12.2026 до конца учебного года». */
export function describeDays(plan: IupPlan): string {
  const last = plan.until ? `по ${formatDate(addDays(plan.until, -1))}` : 'до конца учебного года';
  return `с ${formatDate(plan.since)} ${last}`;
}
