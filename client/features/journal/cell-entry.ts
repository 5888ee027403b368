import type * as Y from 'yjs';
import {
  change,
  enterAbsence,
  addMark,
  marksOf,
  readAbsence,
  setAbsence,
  setLessonField,
  setMark,
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
}

/**
 * Writes typed entries into one cell in a single transaction (one update, one history row
 * batch). Returns a Russian message when something could not be written, else null.
 */
export function writeEntries(ctx: EntryContext, lessonId: LessonId, studentId: StudentId, entries: readonly CellEntry[]): string | null {
  let problem: string | null = null;
  change(ctx.doc, LOCAL_EDIT, () => {
    for (const e of entries) {
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
