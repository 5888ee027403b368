import type * as Y from 'yjs';
import { isValidId, type LessonId, type StudentId } from '../ids.ts';
import { joinKey, rootMap, writeValue } from '../doc/flat-map.ts';
import { parseLessonId } from './lesson.ts';

/**
 * A teacher's note to a student's family about one lesson («Не выполнил домашнее задание»,
 * «Отлично выступил на конференции»): the journal's `notes["lessonId:studentId"]`, a string.
 * Not the deputy's remarks to teachers (REM-*) nor a mark's comment (DOC-8): it stands alone,
 * and reaches that student's diary only (NOTE-4).
 */
export const MAX_NOTE_LENGTH = 500;

/**
 * NOTE-1: whether `text` is a note as stored: a string of 1–500 characters that has no spaces
 * around it (what `setFamilyNote` writes). The server's rule book checks every write with it.
 */
export function isFamilyNoteText(text: unknown): text is string {
  return typeof text === 'string' && text.length >= 1 && text.length <= MAX_NOTE_LENGTH && text.trim() === text;
}

/**
 * NOTE-1: the problem with a text typed for a note, in Russian, or null when it may be written
 * (judged after trimming, as it will be stored).
 */
export function familyNoteProblem(text: string): string | null {
  const t = text.trim();
  if (t === '') return 'Замечание не может быть пустым.';
  if (t.length > MAX_NOTE_LENGTH) return `Замечание длиннее ${MAX_NOTE_LENGTH} символов (${t.length}).`;
  return null;
}

/**
 * NOTE-1: writes (or with null removes, DOC-3) the note to a student's family on a lesson. The
 * text is stored trimmed; an empty or over-long text throws (DOC-6: validated on write). Call it
 * inside `change(doc, origin, …)`; writing the stored text again is no change (DOC-5).
 *
 * @example change(doc, LOCAL_EDIT, () => setFamilyNote(doc, '261207.2.math', 'ab12cd', 'Не выполнил домашнее задание'))
 */
export function setFamilyNote(doc: Y.Doc, lessonId: LessonId, studentId: StudentId, text: string | null): void {
  if (parseLessonId(lessonId) === null || !isValidId(studentId)) throw new Error(`invalid note key: ${lessonId}:${studentId}`);
  if (text === null) {
    writeValue(rootMap(doc, 'notes'), joinKey(lessonId, studentId), null);
    return;
  }
  const problem = typeof text === 'string' ? familyNoteProblem(text) : 'not a string';
  if (problem) throw new Error(`invalid note: ${problem}`);
  writeValue(rootMap(doc, 'notes'), joinKey(lessonId, studentId), text.trim());
}

/** NOTE-1: the note on a lesson for a student, or null (none, removed, or malformed: DOC-6, read tolerantly). */
export function readFamilyNote(doc: Y.Doc, lessonId: LessonId, studentId: StudentId): string | null {
  const v = rootMap(doc, 'notes').get(joinKey(lessonId, studentId));
  return isFamilyNoteText(v) ? v : null;
}

/** One note as listed: its lesson, its student and its text. */
export interface FamilyNote {
  lessonId: LessonId;
  studentId: StudentId;
  text: string;
}

/**
 * NOTE-1: every well-formed note of the journal (malformed keys and values skipped, never
 * thrown), optionally only those of one student — the diary's projection reads its student's.
 */
export function listFamilyNotes(doc: Y.Doc, studentId?: StudentId): FamilyNote[] {
  const out: FamilyNote[] = [];
  rootMap(doc, 'notes').forEach((v, key) => {
    const [lessonId, sid, extra] = key.split(':');
    if (extra !== undefined || !isFamilyNoteText(v) || !isValidId(sid) || parseLessonId(lessonId) === null) return;
    if (studentId !== undefined && sid !== studentId) return;
    out.push({ lessonId: lessonId as LessonId, studentId: sid as StudentId, text: v });
  });
  return out;
}
