import type * as Y from 'yjs';
import type { IsoDate, LessonId, StudentId } from '../ids.ts';
import { joinKey, rootMap, writeValue } from '../doc/flat-map.ts';
import { isAbsenceMark, isAbsenceReason, type AbsenceMark, type AbsenceReason } from '../marking/attendance.ts';

/** ATT-1: marks a student absent or late on a lesson (`attendance["lessonId:studentId"]`); null clears. */
export function setAbsence(doc: Y.Doc, lessonId: LessonId, studentId: StudentId, mark: AbsenceMark | null): void {
  if (mark !== null && !isAbsenceMark(mark)) throw new Error(`invalid absence mark: ${String(mark)}`);
  writeValue(rootMap(doc, 'attendance'), joinKey(lessonId, studentId), mark);
}

export function readAbsence(doc: Y.Doc, lessonId: LessonId, studentId: StudentId): AbsenceMark | null {
  const v = rootMap(doc, 'attendance').get(joinKey(lessonId, studentId));
  return isAbsenceMark(v) ? v : null;
}

/** ATT-2: the class teacher's reason for a student's absence on a day (`reasons["studentId:date"]`). */
export function setAbsenceReason(doc: Y.Doc, studentId: StudentId, date: IsoDate, reason: AbsenceReason | null): void {
  if (reason !== null && !isAbsenceReason(reason)) throw new Error(`invalid absence reason: ${String(reason)}`);
  writeValue(rootMap(doc, 'reasons'), joinKey(studentId, date), reason);
}

export function readAbsenceReason(doc: Y.Doc, studentId: StudentId, date: IsoDate): AbsenceReason | null {
  const v = rootMap(doc, 'reasons').get(joinKey(studentId, date));
  return isAbsenceReason(v) ? v : null;
}
