import type * as Y from 'yjs';
import {
  authorize,
  closedPeriodAt,
  everInGroup,
  isEnrolledOn,
  isInGroup,
  listStudents,
  RejectReason,
  WHOLE_CLASS,
  type Actor,
  type AuthorizeContext,
  type ClassId,
  type GroupId,
  type IsoDate,
  type PlannedLesson,
  type Student,
  type SubjectId,
} from '../../../model/index.ts';

/** PERM-4: on the page's roster that day: enrolled, and on the page's group then (STU-8, IUP-2). */
const isOnPage = (student: Student, date: IsoDate, groupId: GroupId, subjectId?: SubjectId) =>
  isEnrolledOn(student, date) && isInGroup(student, groupId, date, subjectId);

/**
 * What the user may write in one lesson of a page, by the same rule book the server applies
 * to every change (`authorize`, PERM-*): the UI never offers what the server would refuse,
 * and says why where it does not.
 */
export interface LessonVerdict {
  /** Attendance, and the lesson's topic and homework, may be written (for students on the page). */
  writable: boolean;
  /** The cells too — marks and attendance: the lesson has begun by the device's clock (PERM-13). */
  cells: boolean;
  asSubstitute: boolean;
  /** Marks too (grade 1 gets none, PERM-3). */
  marks: boolean;
  /** Why not, in Russian, for the cells' and the lesson panel's hover text. */
  reason: string | null;
  /** The name of the closed period the lesson is in (PERM-10, SCH-9), if any. */
  closedPeriod: string | null;
}

export const READ_ONLY_JOURNAL = 'Журнал открыт только для просмотра.';
export const NOT_ON_PAGE =
  'Ученика нет в списке этой страницы на дату урока: он ещё не зачислен, уже выбыл, не в этой группе или по индивидуальному учебному плану занимается отдельно.';
/** The deputy, the director, the administrator: they oversee the journal, its teachers write it. */
export const NOT_A_TEACHER =
  'Уроки, отметки и посещаемость ведёт учитель предмета; непринятые изменения применяются на странице «Непринятые изменения».';
export const NO_MARKS_IN_GRADE_1 = 'В 1 классе отметки не ставятся: отмечайте только посещаемость (н, оп).';

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.');

/**
 * The verdicts for every lesson of a page, computed once per change of the school year or the
 * roster (never per cell render): one probe change per lesson — an absence mark and a mark of
 * a student on the page that day — through `authorize`.
 */
export function pageRights(args: {
  school: Y.Doc;
  journal: Y.Doc;
  classId: ClassId;
  /** The page's subject: an individual study plan takes students off a subject's pages (IUP-2). */
  subjectId?: SubjectId;
  groupId: GroupId;
  grade: number;
  actor: Actor;
  access: 'read' | 'write';
  lessons: readonly PlannedLesson[];
  /** The device's clock, ms: cells of lessons that have not begun take no marks or attendance (PERM-13). */
  now?: number;
}): Map<string, LessonVerdict> {
  const { school, journal, classId, grade, actor } = args;
  const out = new Map<string, LessonVerdict>();
  // One context for the whole page: authorize memoizes the roster and the load per context.
  const ctx: AuthorizeContext = { school, journal, classId, grade, now: args.now };
  const roster = listStudents(journal).filter((s) => everInGroup(s, args.groupId, args.subjectId));
  for (const l of args.lessons) {
    const closed = closedPeriodAt(school, classId, grade, l.date)?.[1].name ?? null;
    if (args.access !== 'write') {
      out.set(l.id, { writable: false, cells: false, asSubstitute: false, marks: false, reason: READ_ONLY_JOURNAL, closedPeriod: closed });
      continue;
    }
    const probe = roster.find((s) => isOnPage(s, l.date, args.groupId, args.subjectId))?.id ?? 'nobody';
    const absence = authorize(actor, { map: 'attendance', key: `${l.id}:${probe}`, oldValue: undefined, newValue: 'absent' }, ctx);
    // PERM-13: a lesson ahead takes its topic and homework, not yet its marks and attendance.
    const ahead = !absence.allowed && absence.reason === RejectReason.notBegun;
    // PERM-14 judges the probe student's own cell (a mark beside «н»), not the lesson.
    const onPage = absence.allowed || absence.reason === RejectReason.notOnRoster || absence.reason === RejectReason.absentMark || ahead;
    if (!onPage) {
      const reason =
        absence.reason === RejectReason.periodClosed
          ? `Период закрыт («${closed ?? ''}»): исправления вносит заместитель директора с указанием причины.`
          : absence.reason === RejectReason.forbidden && !actor.roles.includes('teacher')
            ? NOT_A_TEACHER
            : capitalized(absence.detail);
      out.set(l.id, { writable: false, cells: false, asSubstitute: false, marks: false, reason, closedPeriod: closed });
      continue;
    }
    const mark = authorize(actor, { map: 'marks', key: `${l.id}:${probe}:0`, oldValue: undefined, newValue: [5, 'probe', 1] }, ctx);
    const marks = mark.allowed || mark.reason !== RejectReason.gradeOne;
    out.set(l.id, {
      writable: true,
      cells: !ahead,
      asSubstitute: absence.allowed ? absence.asSubstitute : l.substituteId === actor.userId,
      marks,
      reason: ahead ? capitalized(absence.detail) : marks ? null : NO_MARKS_IN_GRADE_1,
      closedPeriod: closed,
    });
  }
  return out;
}

/** A cell: writable when its lesson is and the student is on the page that day (PERM-4). */
export function cellWritable(
  v: LessonVerdict | undefined,
  student: Student,
  date: IsoDate,
  groupId: GroupId = WHOLE_CLASS,
  subjectId?: SubjectId,
): boolean {
  return !!v?.writable && v.cells && isOnPage(student, date, groupId, subjectId);
}

/** The hover text of a cell, or undefined for an ordinary writable one. */
export function cellTitle(
  v: LessonVerdict | undefined,
  student: Student,
  date: IsoDate,
  groupId: GroupId = WHOLE_CLASS,
  subjectId?: SubjectId,
): string | undefined {
  if (!isOnPage(student, date, groupId, subjectId)) return NOT_ON_PAGE;
  return v?.reason ?? undefined;
}
