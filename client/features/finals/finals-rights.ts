import type * as Y from 'yjs';
import {
  authorize,
  hasFinalIn,
  joinKey,
  RejectReason,
  type Actor,
  type AuthorizeContext,
  type ClassId,
  type FinalColumn,
  type GroupId,
  type MarkingSystem,
  type Student,
  type SubjectId,
} from '../../../model/index.ts';
import { READ_ONLY_JOURNAL } from '../journal/page-rights.ts';

/** What the user may write in one column (a period or the year) of a finals page. */
export interface ColumnVerdict {
  writable: boolean;
  /** Why not, in Russian, for the cells' hover text and the message line. */
  reason: string | null;
  /** The column's period is closed for the class (PERM-10, SCH-9). */
  closed: boolean;
}

/** The deputy, the director, the administrator: they oversee finals, the subject teacher sets them. */
export const NOT_THE_TEACHER =
  'Итоговые отметки выставляет учитель предмета по нагрузке; исправления после закрытия периода — заместитель директора.';

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.');
const ruDate = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

/**
 * The verdict of every column of a finals page by the rule book the server applies to every
 * change (`authorize`: PERM-3, PERM-7, PERM-10): one probe final per column, computed once per
 * change of the school year or the roster, so the page never offers what the server would refuse.
 */
export function finalsRights(args: {
  school: Y.Doc;
  journal: Y.Doc;
  classId: ClassId;
  grade: number;
  subjectId: SubjectId;
  groupId: GroupId;
  actor: Actor;
  access: 'read' | 'write';
  columns: readonly FinalColumn[];
  students: readonly Student[];
  system: MarkingSystem;
}): Map<string, ColumnVerdict> {
  const out = new Map<string, ColumnVerdict>();
  const ctx: AuthorizeContext = { school: args.school, journal: args.journal, classId: args.classId, grade: args.grade };
  for (const column of args.columns) {
    const probe = args.students.find((s) => hasFinalIn(s, args.groupId, args.subjectId, column))?.id ?? 'nobody';
    const key = joinKey(args.subjectId, args.groupId, column.id, probe);
    const value = { v: args.system === 'passfail' ? 'P' : 5 };
    const d = authorize(args.actor, { map: 'finals', key, oldValue: undefined, newValue: value }, ctx);
    const closed = !d.allowed && d.reason === RejectReason.periodClosed;
    if (args.access !== 'write') {
      out.set(column.id, { writable: false, reason: READ_ONLY_JOURNAL, closed });
      continue;
    }
    // A probe off the page's roster says nothing of the column itself (the roster is the cell's matter).
    if (d.allowed || d.reason === RejectReason.notOnRoster) {
      out.set(column.id, { writable: true, reason: null, closed: false });
      continue;
    }
    const reason = closed
      ? `Период «${column.name}» закрыт: итоговые отметки за него исправляет заместитель директора с указанием причины.`
      : d.reason === RejectReason.forbidden && !args.actor.roles.includes('teacher')
        ? NOT_THE_TEACHER
        : capitalized(d.detail);
    out.set(column.id, { writable: false, reason, closed });
  }
  return out;
}

/** The finals over the whole year (FIN-3, FIN-7, FIN-8), named for a greyed cell's reason. */
const NO_FINAL: Partial<Record<FinalColumn['kind'], string>> = {
  year: 'Годовая отметка не ставится',
  exam: 'Экзаменационная отметка не ставится',
  final: 'Итоговая отметка не ставится',
};

/**
 * FIN-4: why a student gets no final of this page in a column (the hover text of a greyed cell),
 * or null when they get one.
 */
export function noFinalReason(s: Student, groupId: GroupId, subjectId: SubjectId, column: FinalColumn): string | null {
  if (hasFinalIn(s, groupId, subjectId, column)) return null;
  const what = NO_FINAL[column.kind] ?? `Итоговая за «${column.name}» не ставится`;
  const yearLong = column.kind !== 'period';
  if (s.leftOn !== null && s.leftOn <= column.endsOn)
    return `${what}: ученик выбыл ${ruDate(s.leftOn)}, до конца ${yearLong ? 'года' : 'периода'}.`;
  if (s.enrolledOn !== null && s.enrolledOn > column.endsOn) return `${what}: ученик прибыл ${ruDate(s.enrolledOn)}, после конца периода.`;
  return `${what}: на конец ${yearLong ? 'года' : 'периода'} ученик не в этой группе (перевод или индивидуальный учебный план).`;
}
