import type * as Y from 'yjs';
import {
  isAbsenceMark,
  isAbsenceReason,
  joinKey,
  type AbsenceMark,
  type AbsenceReason,
  type AttendanceSource,
  type LessonId,
} from '../../../model/index.ts';
import { createMapStore } from '../../bridge/create-map-store.ts';

/** What the board reads: absence marks and reasons (ATT-1, ATT-2) and whether a lesson's attendance was taken (ATT-4). */
export interface BoardSource extends AttendanceSource {
  checked(lessonId: LessonId): boolean;
}

const CHECKED = ':attendanceChecked';

/**
 * The class journal's attendance as Solid stores fed by Yjs events: a mark typed in a teacher's
 * browser reaches the one cell that shows it. The model's computations (day, week, totals) read
 * through it, so Solid re-runs exactly those that read a changed key.
 */
export function createBoardSource(doc: Y.Doc): BoardSource {
  const marks = createMapStore<AbsenceMark>(doc, 'attendance', (_key, v) => (isAbsenceMark(v) ? v : undefined));
  const reasons = createMapStore<AbsenceReason>(doc, 'reasons', (_key, v) => (isAbsenceReason(v) ? v : undefined));
  const checked = createMapStore<true>(doc, 'lessons', (key, v) => (v === true && key.endsWith(CHECKED) ? true : undefined));
  return {
    absence: (lessonId, studentId) => marks[joinKey(lessonId, studentId)] ?? null,
    reason: (studentId, date) => reasons[joinKey(studentId, date)] ?? null,
    checked: (lessonId) => checked[lessonId + CHECKED] === true,
  };
}
