import type * as Y from 'yjs';
import type { LessonId, StudentId } from '../ids.ts';
import type { MarkValue } from '../marking/mark-value.ts';
import { marksOf, setMark, type Mark } from './mark.ts';

/** The mark in one place of a student's cell in a lesson (MARK-8), or null. */
export function markAt(doc: Y.Doc, lessonId: LessonId, studentId: StudentId, place: string): Mark | null {
  return marksOf(doc, lessonId, studentId).find((m) => m.place === place) ?? null;
}

/**
 * MARK-9: corrects one mark of a cell: the new value goes into the mark's own place, with the
 * work type, weight and comment it already had, so the history records one change of that place
 * (old → new) and the cell's other marks and its absence mark stay as they are. Returns false,
 * writing nothing, when that place holds no mark (removed meanwhile on another device).
 */
export function correctMark(doc: Y.Doc, lessonId: LessonId, studentId: StudentId, place: string, value: MarkValue): boolean {
  const m = markAt(doc, lessonId, studentId, place);
  if (!m) return false;
  setMark(doc, lessonId, studentId, place, { v: value, t: m.workType, w: m.weight, ...(m.comment ? { c: m.comment } : {}) });
  return true;
}

/** MARK-9: removes one mark of a cell (null in its place, DOC-3); the others and the absence mark stay. False when it is gone already. */
export function removeOneMark(doc: Y.Doc, lessonId: LessonId, studentId: StudentId, place: string): boolean {
  if (!markAt(doc, lessonId, studentId, place)) return false;
  setMark(doc, lessonId, studentId, place, null);
  return true;
}
