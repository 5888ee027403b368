import type * as Y from 'yjs';
import {
  ABSENT_MARK_TEXT,
  absentMarkVerdict,
  change,
  correctMark,
  enterAbsence,
  addMark,
  marksOf,
  readAbsence,
  removeOneMark,
  setAbsence,
  setLessonField,
  setMark,
  type AbsentMarkPolicy,
  type LessonId,
  type StudentId,
  type UserId,
  type WorkTypeId,
} from '../../../model/index.ts';
import { LOCAL_EDIT } from '../../sync/origins.ts';
import type { CellEntry } from './typing-buffer.ts';

/** Who writes, and with which work type and weight new marks are stamped. */
export interface EntryContext {
  doc: Y.Doc;
  userId: UserId;
  /** Set when the user writes as the registered substitute of this lesson. */
  asSubstitute: boolean;
  workType: WorkTypeId;
  weight: number;
  /** The school's rule for a mark beside «н» (MARK-11). */
  absentMarks: AbsentMarkPolicy;
}

/**
 * Writes typed entries into one cell in a single transaction (one update, one history row
 * batch). Returns a Russian message when something could not be written or needs a second
 * look (a mark beside «н», MARK-11), else null.
 */
export function writeEntries(ctx: EntryContext, lessonId: LessonId, studentId: StudentId, entries: readonly CellEntry[]): string | null {
  let problem: string | null = null;
  change(ctx.doc, LOCAL_EDIT, () => {
    for (const e of entries) {
      const marks = marksOf(ctx.doc, lessonId, studentId).length;
      const after =
        e.kind === 'absence' ? { absence: e.mark, marks } : { absence: readAbsence(ctx.doc, lessonId, studentId), marks: marks + 1 };
      const verdict = absentMarkVerdict(ctx.absentMarks, after);
      const said = e.kind === 'absence' ? 'Absence' : 'Mark';
      if (verdict === 'refuse') {
        problem = ABSENT_MARK_TEXT[`refuse${said}`];
        continue;
      }
      if (verdict === 'warn') problem = ABSENT_MARK_TEXT[`warn${said}`];
      if (e.kind === 'absence') {
        // ATT-4: an absence mark also records that the lesson's attendance was taken.
        enterAbsence(ctx.doc, lessonId, studentId, e.mark);
        continue;
      }
      // MARK-8: a place of its own, so a colleague typing into this cell at once loses nothing.
      if (addMark(ctx.doc, lessonId, studentId, { v: e.value, t: ctx.workType, w: ctx.weight }) === null)
        problem = 'За один урок можно поставить не больше 4 отметок.';
    }
    markSubstitution(ctx, lessonId);
  });
  return problem;
}

/** What is said when the chosen mark is no longer there. */
export const MARK_GONE = 'Выбранной отметки уже нет: её удалили, возможно, на другом устройстве.';

/**
 * MARK-9: typed entries for one chosen mark of a cell: the mark typed replaces it in its own
 * place, with its work type and weight. Returns a Russian message when nothing was written.
 */
export function correctEntries(
  ctx: EntryContext,
  lessonId: LessonId,
  studentId: StudentId,
  place: string,
  entries: readonly CellEntry[],
): string | null {
  const marks = entries.filter((e) => e.kind === 'mark');
  if (marks.length !== entries.length)
    return 'Вместо выбранной отметки вводится отметка. Чтобы отметить «н» или «оп», снимите выбор (Esc).';
  const last = marks[marks.length - 1];
  if (!last) return null;
  const written = change(ctx.doc, LOCAL_EDIT, () => {
    const ok = correctMark(ctx.doc, lessonId, studentId, place, last.value);
    if (ok) markSubstitution(ctx, lessonId);
    return ok;
  });
  return written ? null : MARK_GONE;
}

/** MARK-9: removes one chosen mark of a cell; the others and the absence mark stay. */
export function removeChosenMark(ctx: EntryContext, lessonId: LessonId, studentId: StudentId, place: string): string | null {
  const removed = change(ctx.doc, LOCAL_EDIT, () => {
    const ok = removeOneMark(ctx.doc, lessonId, studentId, place);
    if (ok) markSubstitution(ctx, lessonId);
    return ok;
  });
  return removed ? null : MARK_GONE;
}

/** Clears a cell: every mark and the absence mark. */
export function clearCell(ctx: EntryContext, lessonId: LessonId, studentId: StudentId): void {
  const marks = marksOf(ctx.doc, lessonId, studentId);
  const absence = readAbsence(ctx.doc, lessonId, studentId);
  if (marks.length === 0 && absence === null) return;
  change(ctx.doc, LOCAL_EDIT, () => {
    for (const m of marks) setMark(ctx.doc, lessonId, studentId, m.place, null);
    if (absence !== null) setAbsence(ctx.doc, lessonId, studentId, null);
    markSubstitution(ctx, lessonId);
  });
}

/** A substitute's entry records the substitution on the lesson at the moment of entry. */
export function markSubstitution(ctx: Pick<EntryContext, 'doc' | 'userId' | 'asSubstitute'>, lessonId: LessonId): void {
  if (ctx.asSubstitute) setLessonField(ctx.doc, lessonId, 'substitute', ctx.userId);
}
