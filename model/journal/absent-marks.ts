import type * as Y from 'yjs';
import type { Decision } from '../access/authorize.ts';
import type { LessonId, StudentId } from '../ids.ts';
import type { AbsenceMark } from '../marking/attendance.ts';
import { RejectReason } from '../protocol/messages.ts';
import { readAbsentMarkPolicy, type AbsentMarkPolicy } from '../school/absent-mark-setting.ts';
import { readAbsence } from './attendance.ts';
import { marksOf } from './mark.ts';

/** A cell as this rule reads it: its absence mark and how many marks it holds. */
export interface CellState {
  absence: AbsenceMark | null;
  marks: number;
}

/**
 * MARK-11: a cell that would hold a mark and «н» at once, judged by the school's policy:
 * `ok` (no such clash, or the school allows it), `warn` (written, the teacher is warned) or
 * `refuse` (not written, PERM-14). «оп» with marks is no clash: a late student was there.
 */
export function absentMarkVerdict(policy: AbsentMarkPolicy, cell: CellState): 'ok' | 'warn' | 'refuse' {
  if (cell.absence !== 'absent' || cell.marks === 0 || policy === 'allow') return 'ok';
  return policy;
}

/** What the page says for each verdict and entry (MARK-11). */
export const ABSENT_MARK_TEXT = {
  warnMark: 'Внимание: ученик отмечен «н» на этом уроке, а отметка поставлена. Если он был на уроке, снимите «н».',
  warnAbsence: 'Внимание: у ученика есть отметка на этом уроке, а он отмечен «н». Проверьте, не ошибка ли это.',
  refuseMark: 'По правилам школы ученику, отмеченному «н», отметка на этом уроке не ставится: сначала снимите «н».',
  refuseAbsence: 'По правилам школы ученик с отметкой на этом уроке не отмечается «н»: сначала удалите отметку.',
} as const;

/** A cell path of a journal change (PERM-14 reads the mark and absence paths). */
export interface CellPath {
  kind: 'mark' | 'attendance';
  lesson: { id: string };
  studentId: StudentId;
}

/**
 * PERM-14: the server's check of a mark or an absence mark written into a cell, under the
 * school's `refuse` (MARK-11): the cell as the change leaves it — the journal as the update left
 * it, with the change itself counted in, so a probe that is not in the journal (the page's
 * greying out) is judged as the server would judge it — must not hold a mark and «н» at once.
 * Removals always pass. Returns the refusal's detail, or null.
 */
export function absentMarkRefusal(school: Y.Doc, journal: Y.Doc, path: CellPath, newValue: unknown): string | null {
  if (newValue === null || newValue === undefined) return null;
  const policy = readAbsentMarkPolicy(school);
  if (policy !== 'refuse') return null;
  const lessonId = path.lesson.id as LessonId;
  const marks = marksOf(journal, lessonId, path.studentId).length;
  const cell: CellState =
    path.kind === 'mark'
      ? { absence: readAbsence(journal, lessonId, path.studentId), marks: Math.max(1, marks) }
      : { absence: newValue === 'absent' ? 'absent' : null, marks };
  if (absentMarkVerdict(policy, cell) !== 'refuse') return null;
  return path.kind === 'mark'
    ? 'по правилам школы ученику, отмеченному «н» на этом уроке, отметка не ставится'
    : 'по правилам школы ученик с отметкой на этом уроке не отмечается «н»';
}

/** PERM-14 as the rule book's decision (`authorize`): refused as `absent-mark` with the detail, or null. */
export function absentMarkDecision(ctx: { school: Y.Doc; journal: Y.Doc }, path: CellPath, newValue: unknown): Decision | null {
  const detail = absentMarkRefusal(ctx.school, ctx.journal, path, newValue);
  return detail ? { allowed: false, reason: RejectReason.absentMark, detail } : null;
}
