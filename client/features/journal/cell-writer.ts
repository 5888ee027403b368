import type * as Y from 'yjs';
import {
  ABSENT_MARK_TEXT,
  change,
  planColumnPaste,
  type AbsentMarkPolicy,
  type IsoDate,
  type LessonId,
  type MarkingSystem,
  type PlannedLesson,
  type Student,
  type StudentId,
  type UserId,
  type WorkTypeId,
} from '../../../model/index.ts';
import type { CellValue } from '../../bridge/create-page-cells.ts';
import { LOCAL_EDIT } from '../../sync/origins.ts';
import { clearCell, correctEntries, removeChosenMark, writeEntries, type EntryContext } from './cell-entry.ts';
import type { GridModel } from './journal-grid.tsx';
import { markStamp } from './mark-stamp.ts';
import type { LessonVerdict } from './page-rights.ts';
import { NO_MARKS_IN_GRADE_1 } from './page-rights.ts';
import type { CellEntry } from './typing-buffer.ts';

/** What the page's cells are written with: the documents, the rule book's verdicts and what the grid shows. */
export interface CellWriterArgs {
  doc: Y.Doc;
  school: Y.Doc;
  userId: UserId;
  system: () => MarkingSystem;
  /** The school's rule for a mark beside «н» (MARK-11). */
  absentMarks: () => AbsentMarkPolicy;
  verdict: (lessonId: LessonId) => LessonVerdict | undefined;
  /** The lesson's own work type, stamped on new marks (or null). */
  workType: (lessonId: LessonId) => WorkTypeId | null;
  cell: (lessonId: LessonId, studentId: StudentId) => CellValue;
  canEdit: (lessonId: LessonId, student: Student, date: IsoDate) => boolean;
  readOnlyReason: (lessonId: LessonId, student: Student, date: IsoDate) => string;
  say: (message: string | null) => void;
}

/**
 * The grid's writes on a journal page: typed entries (MARK-6, MARK-11), one chosen mark corrected
 * or removed (MARK-9), a cleared cell, and a pasted column (MARK-10), each as one change.
 */
export function createCellWriter(a: CellWriterArgs): Pick<GridModel, 'write' | 'clear' | 'correct' | 'removeMark' | 'paste'> {
  const entryContext = (lessonId: LessonId): EntryContext => {
    const stamp = markStamp(a.school, a.workType(lessonId));
    return {
      doc: a.doc,
      userId: a.userId,
      asSubstitute: a.verdict(lessonId)?.asSubstitute ?? false,
      workType: stamp.id,
      weight: stamp.weight,
      absentMarks: a.absentMarks(),
    };
  };
  const marksRefused = (lessonId: LessonId) => a.system() === 'none' || a.verdict(lessonId)?.marks === false;

  return {
    write(lessonId, studentId, entries) {
      if (marksRefused(lessonId) && entries.some((e) => e.kind === 'mark')) {
        a.say(NO_MARKS_IN_GRADE_1);
        entries = entries.filter((e) => e.kind !== 'mark');
      }
      const problem = writeEntries(entryContext(lessonId), lessonId, studentId, entries);
      if (problem) a.say(problem);
    },
    correct(lessonId, studentId, place, entries) {
      const problem = correctEntries(entryContext(lessonId), lessonId, studentId, place, entries);
      if (problem) a.say(problem);
      return problem === null;
    },
    removeMark(lessonId, studentId, place) {
      const problem = removeChosenMark(entryContext(lessonId), lessonId, studentId, place);
      a.say(problem);
    },
    clear(lessonId, studentId) {
      clearCell(entryContext(lessonId), lessonId, studentId);
    },
    paste(lesson, students, text) {
      pasteColumn(a, entryContext(lesson.id), marksRefused(lesson.id) ? 'none' : a.system(), lesson, students, text);
    },
  };
}

/** MARK-10: the whole column in one change, or nothing and the line that stopped it. */
function pasteColumn(
  a: CellWriterArgs,
  ctx: EntryContext,
  system: MarkingSystem,
  lesson: PlannedLesson,
  students: Student[],
  text: string,
) {
  const rows = students.map((s) => {
    const v = a.cell(lesson.id, s.id);
    const blocked = a.canEdit(lesson.id, s, lesson.date) ? null : a.readOnlyReason(lesson.id, s, lesson.date);
    return { name: s.name, blocked, absence: v.absence, marks: v.marks.length };
  });
  const result = planColumnPaste(system, ctx.absentMarks, text, rows);
  if (!result.ok) return a.say(result.problem);
  const { writes, warnings } = result.plan;
  if (writes.length === 0) return a.say('Во вставке нет ни одного значения: ничего не вставлено.');
  change(a.doc, LOCAL_EDIT, () => {
    for (const w of writes) {
      const entry: CellEntry = w.value.kind === 'mark' ? { kind: 'mark', value: w.value.value } : { kind: 'absence', mark: w.value.mark };
      writeEntries(ctx, lesson.id, students[w.row].id, [entry]);
    }
  });
  const names = warnings.map((row) => students[row].name).join(', ');
  a.say(`Вставлено значений: ${writes.length}.${names ? ` ${ABSENT_MARK_TEXT.warnMark} Отмечены «н»: ${names}.` : ''}`);
}
