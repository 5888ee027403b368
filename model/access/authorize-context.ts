import type * as Y from 'yjs';
import type { ClassId, UserId } from '../ids.ts';
import { listStudents, type Student } from '../journal/student.ts';
import type { MarkingSystem } from '../marking/mark-value.ts';
import type { RejectReason } from '../protocol/messages.ts';
import { isPeriodClosed } from '../school/closures.ts';
import { periodsForGrade, type Period } from '../school/school-year.ts';
import { classes } from '../school/staff.ts';
import { markingOf, subjects } from '../school/subject.ts';
import { substitutions, type Substitution } from '../school/substitution.ts';
import { allAssignments } from '../school/teaching-load.ts';

/**
 * What the rules need besides the change: the school year and which journal it is. What the
 * rules read from it (roster, load, substitutions, closed periods) is read once per context
 * object: make a new one when the documents change (the server does, on their updates).
 */
export interface AuthorizeContext {
  school: Y.Doc;
  journal: Y.Doc;
  classId: ClassId;
  grade: number;
  /**
   * The writer's moment, ms (the server's clock on the server, the device's in the browser):
   * marks and attendance only in lessons that have begun by then (PERM-13). The server always
   * gives it; without it that rule is not applied (the rule book's own unit tests).
   */
  now?: number;
}

export type Decision = { allowed: true; asSubstitute: boolean } | { allowed: false; reason: RejectReason; detail: string };

/** Per-context memo: one update may change hundreds of paths; the roster and load are read once. */
const memo = new WeakMap<
  AuthorizeContext,
  {
    roster?: Map<string, Student>;
    load?: ReturnType<typeof allAssignments>;
    subs?: Substitution[];
    systems?: Map<string, MarkingSystem>;
    closed?: Array<[string, Period]>;
    starts?: Map<number, string>;
    offset?: number;
  }
>();
export function cached(ctx: AuthorizeContext) {
  let m = memo.get(ctx);
  if (!m) memo.set(ctx, (m = {}));
  return m;
}
export const rosterOf = (ctx: AuthorizeContext) =>
  (cached(ctx).roster ??= new Map(listStudents(ctx.journal).map((s) => [s.id as string, s])));
export const loadOf = (ctx: AuthorizeContext) => (cached(ctx).load ??= allAssignments(ctx.school).filter((a) => a.classId === ctx.classId));
/** The periods of the class's grade that are closed for the class, read once per context. */
export const closedOf = (ctx: AuthorizeContext) =>
  (cached(ctx).closed ??= periodsForGrade(ctx.school, ctx.grade).filter(([id]) => isPeriodClosed(ctx.school, ctx.classId, id)));
export const closedAt = (ctx: AuthorizeContext, date: string) => closedOf(ctx).find(([, p]) => date >= p.startsOn && date <= p.endsOn);
export const subsOf = (ctx: AuthorizeContext) =>
  (cached(ctx).subs ??= substitutions
    .all(ctx.school)
    .map(([, s]) => s)
    .filter((s) => s.classId === ctx.classId));

export const allow = (asSubstitute = false): Decision => ({ allowed: true, asSubstitute });
export const refuse = (reason: RejectReason, detail: string): Decision => ({ allowed: false, reason, detail });

const MAX_TEXT = 2000;
export const isText = (v: unknown) => v === null || (typeof v === 'string' && v.length <= MAX_TEXT);
export const isIdOrNull = (v: unknown) => v === null || (typeof v === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(v));

export function systemOf(ctx: AuthorizeContext, subjectId: string): MarkingSystem {
  const systems = (cached(ctx).systems ??= new Map());
  let system = systems.get(subjectId);
  if (system === undefined) {
    system = markingOf(subjects.get(ctx.school, subjectId), ctx.grade);
    systems.set(subjectId, system);
  }
  return system;
}

export function teaches(ctx: AuthorizeContext, userId: UserId, subjectId: string, groupId: string): boolean {
  return loadOf(ctx).some((a) => a.subjectId === subjectId && a.groupId === groupId && a.teacherId === userId);
}

export function teachesClass(ctx: AuthorizeContext, userId: UserId): boolean {
  return loadOf(ctx).some((a) => a.teacherId === userId);
}

export function substitutes(
  ctx: AuthorizeContext,
  userId: UserId,
  l: { date: string; slot: number; subjectId: string; groupId: string },
): boolean {
  return subsOf(ctx).some(
    (s) => s.teacherId === userId && s.date === l.date && s.slot === l.slot && s.subjectId === l.subjectId && s.groupId === l.groupId,
  );
}

export function isClassTeacher(ctx: AuthorizeContext, userId: UserId): boolean {
  return classes.get(ctx.school, ctx.classId)?.classTeacherId === userId;
}
