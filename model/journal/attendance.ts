import type * as Y from 'yjs';
import type { IsoDate, LessonId, StudentId } from '../ids.ts';
import { joinKey, rootMap, writeValue } from '../doc/flat-map.ts';
import { isAbsenceMark, isAbsenceReason, type AbsenceMark, type AbsenceReason } from '../marking/attendance.ts';
import { setLessonField } from './lesson.ts';

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

/**
 * ATT-4: a teacher's absence mark as typed into the journal: the mark, and for `absent` or
 * `late` also the lesson's `attendanceChecked`, in the caller's transaction. Clearing a mark
 * later leaves the fact: the teacher did take attendance.
 */
export function enterAbsence(doc: Y.Doc, lessonId: LessonId, studentId: StudentId, mark: AbsenceMark | null): void {
  setAbsence(doc, lessonId, studentId, mark);
  if (mark !== null) setLessonField(doc, lessonId, 'attendanceChecked', true);
}

/** ATT-4: «Все присутствуют» — attendance taken on a lesson where nobody is missing. */
export function confirmAttendance(doc: Y.Doc, lessonId: LessonId): void {
  setLessonField(doc, lessonId, 'attendanceChecked', true);
}

/**
 * ATT-4: a lesson's attendance is recorded when `attendanceChecked` is true or any student has
 * an absence mark on it. Give `studentIds` (the roster) to look up only their keys; without it
 * the whole attendance map is scanned.
 */
export function isAttendanceRecorded(doc: Y.Doc, lessonId: LessonId, studentIds?: readonly StudentId[]): boolean {
  if (rootMap(doc, 'lessons').get(joinKey(lessonId, 'attendanceChecked')) === true) return true;
  const map = rootMap(doc, 'attendance');
  if (studentIds) return studentIds.some((s) => isAbsenceMark(map.get(joinKey(lessonId, s))));
  const prefix = `${lessonId}:`;
  for (const [key, v] of map.entries()) if (key.startsWith(prefix) && isAbsenceMark(v)) return true;
  return false;
}
