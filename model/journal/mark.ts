import type * as Y from 'yjs';
import { isValidId, type LessonId, type StudentId, type WorkTypeId } from '../ids.ts';
import { joinKey, rootMap, splitKey, writeValue } from '../doc/flat-map.ts';
import { isMarkValueAllowed, type MarkValue } from '../marking/mark-value.ts';

/**
 * A mark as the app handles it: value, work type, weight frozen at entry, optional comment.
 * Key: `marks["lessonId:studentId:n"]`, n = 0, 1, 2… for several marks of one student in one
 * lesson (MARK-6). In the document it is a tuple (DOC-8): see `MarkTuple`.
 */
export interface StoredMark {
  v: MarkValue;
  t: WorkTypeId;
  w: number;
  c?: string;
}

export interface Mark {
  lessonId: LessonId;
  studentId: StudentId;
  n: number;
  value: MarkValue;
  workType: WorkTypeId;
  weight: number;
  comment: string;
}

/**
 * DOC-8: a mark in the document is the tuple `[value, workType, weight]` or
 * `[value, workType, weight, comment]`: marks are most of a journal, and a tuple is a third
 * smaller than an object with named fields once encoded.
 */
export type MarkTuple = [MarkValue, WorkTypeId, number] | [MarkValue, WorkTypeId, number, string];

/** The tuple stored for a mark (DOC-8). */
export function markToTuple(m: StoredMark): MarkTuple {
  return m.c ? [m.v, m.t, m.w, m.c] : [m.v, m.t, m.w];
}

/** Reads a stored tuple back; null for anything that is not a valid mark (MARK-1, MARK-2, MARK-4). */
export function markFromTuple(raw: unknown): StoredMark | null {
  if (!Array.isArray(raw) || raw.length < 3 || raw.length > 4) return null;
  const m: StoredMark = raw.length === 4 ? { v: raw[0], t: raw[1], w: raw[2], c: raw[3] } : { v: raw[0], t: raw[1], w: raw[2] };
  return isStoredMark(m) ? m : null;
}

/** MARK-6: the most marks one student may get in one lesson (indexes 0 … MAX − 1). */
export const MAX_MARKS_PER_LESSON = 4;

/** MARK-1, MARK-2, MARK-4: a stored mark has a value of a marking system, a work type and a positive finite weight. */
export function isStoredMark(v: unknown): v is StoredMark {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const m = v as Record<string, unknown>;
  const anyValue = isMarkValueAllowed('five', m.v) || isMarkValueAllowed('passfail', m.v);
  const weight = typeof m.w === 'number' && Number.isFinite(m.w) && m.w > 0;
  return anyValue && typeof m.t === 'string' && weight && (m.c === undefined || typeof m.c === 'string');
}

/** MARK-6: writes mark number `n` of a student in a lesson; `null` removes it (DOC-3). */
export function setMark(doc: Y.Doc, lessonId: LessonId, studentId: StudentId, n: number, mark: StoredMark | null): void {
  if (!Number.isInteger(n) || n < 0 || n >= MAX_MARKS_PER_LESSON) throw new Error(`mark index out of range: ${n}`);
  if (mark !== null && !isStoredMark(mark)) throw new Error(`invalid mark: ${JSON.stringify(mark)}`);
  writeValue(rootMap(doc, 'marks'), joinKey(lessonId, studentId, n), mark === null ? null : markToTuple(mark));
}

/** The shape of a lesson id (LES-1), checked cheaply: marks are read by the thousand. */
const LESSON_ID_SHAPE = /^\d{6}\.(0|[1-9]\d?)\.[A-Za-z0-9_-]{1,40}(\.[A-Za-z0-9_-]{1,40})?$/;
const INDEX = /^(0|[1-9]\d*)$/;

/**
 * Parses one entry of the marks map; null for removed or malformed marks, and for keys that
 * are not `lessonId:studentId:n` with n in range (a hostile key must not add a mark that
 * `marksOf` never shows but an average would count).
 */
export function markFromEntry(key: string, raw: unknown): Mark | null {
  const value = markFromTuple(raw);
  if (!value) return null;
  const parts = splitKey(key);
  if (parts.length !== 3) return null;
  const [lessonId, studentId, index] = parts;
  const n = Number(index);
  if (!INDEX.test(index) || n >= MAX_MARKS_PER_LESSON || !isValidId(studentId) || !LESSON_ID_SHAPE.test(lessonId)) return null;
  return {
    lessonId: lessonId as LessonId,
    studentId: studentId as StudentId,
    n,
    value: value.v,
    workType: value.t,
    weight: value.w,
    comment: value.c ?? '',
  };
}

/** The marks of one student in one lesson, in order. */
export function marksOf(doc: Y.Doc, lessonId: LessonId, studentId: StudentId): Mark[] {
  const map = rootMap(doc, 'marks');
  const out: Mark[] = [];
  for (let n = 0; n < MAX_MARKS_PER_LESSON; n++) {
    const key = joinKey(lessonId, studentId, n);
    const m = markFromEntry(key, map.get(key));
    if (m) out.push(m);
  }
  return out;
}

/** The first free mark index of a student in a lesson, or null when all are taken. */
export function nextMarkIndex(doc: Y.Doc, lessonId: LessonId, studentId: StudentId): number | null {
  const taken = new Set(marksOf(doc, lessonId, studentId).map((m) => m.n));
  for (let n = 0; n < MAX_MARKS_PER_LESSON; n++) if (!taken.has(n)) return n;
  return null;
}

/** Every mark in the journal. */
export function allMarks(doc: Y.Doc): Mark[] {
  const out: Mark[] = [];
  rootMap(doc, 'marks').forEach((v, k) => {
    const m = markFromEntry(k, v);
    if (m) out.push(m);
  });
  return out;
}
