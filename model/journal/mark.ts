import type * as Y from 'yjs';
import { isValidId, type LessonId, type StudentId, type WorkTypeId } from '../ids.ts';
import { joinKey, rootMap, splitKey, writeValue } from '../doc/flat-map.ts';
import { isMarkValueAllowed, type MarkValue } from '../marking/mark-value.ts';
import { compareMarks, newMarkPlace, parseMarkPlace, placesOfCell } from './mark-places.ts';

/**
 * A mark as the app handles it: value, work type, weight frozen at entry, optional comment.
 * Key: `marks["lessonId:studentId:place"]`, one place per mark of a student in a lesson (MARK-6,
 * MARK-8: see mark-places.ts). In the document it is one string (DOC-8): see `MarkTuple`.
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
  /** The key's last part (MARK-8). */
  place: string;
  /** The place's place in the cell's order. */
  n: number;
  value: MarkValue;
  workType: WorkTypeId;
  weight: number;
  comment: string;
}

/**
 * DOC-8: a mark in the document is one string, `value|workType|weight` or
 * `value|workType|weight|comment` (`"5|oral|1"`): marks are most of a journal, and the string
 * is two bytes smaller encoded than the array `[value, workType, weight]` journal layout 1
 * wrote, which a third smaller than an object with named fields. Layout 1 arrays stay readable.
 */
export type MarkTuple = string;
/** Journal layout 1's form of a mark (DOC-8): read, never written. */
type LayoutOneTuple = [MarkValue, WorkTypeId, number] | [MarkValue, WorkTypeId, number, string];

const SEPARATOR = '|';
const WEIGHT = /^(0|[1-9]\d*)(\.\d+)?$/;

/** The stored form of a mark (DOC-8). */
export function markToTuple(m: StoredMark): MarkTuple {
  const fields = [String(m.v), m.t, String(m.w)];
  if (m.c) fields.push(m.c);
  return fields.join(SEPARATOR);
}

/** Reads a stored mark back; null for anything that is not a valid mark (MARK-1, MARK-2, MARK-4). */
export function markFromTuple(raw: unknown): StoredMark | null {
  if (typeof raw === 'string') return markFromString(raw);
  if (!Array.isArray(raw) || raw.length < 3 || raw.length > 4) return null;
  const t = raw as LayoutOneTuple;
  const m: StoredMark = t.length === 4 ? { v: t[0], t: t[1], w: t[2], c: t[3] } : { v: t[0], t: t[1], w: t[2] };
  return isStoredMark(m) ? m : null;
}

function markFromString(raw: string): StoredMark | null {
  const first = raw.indexOf(SEPARATOR);
  const second = raw.indexOf(SEPARATOR, first + 1);
  if (first < 0 || second < 0) return null;
  const third = raw.indexOf(SEPARATOR, second + 1);
  const [value, type, weight] = [raw.slice(0, first), raw.slice(first + 1, second), raw.slice(second + 1, third < 0 ? undefined : third)];
  if (!WEIGHT.test(weight) || !isValidId(type)) return null;
  const v = /^[1-5]$/.test(value) ? Number(value) : value;
  const m: StoredMark = { v: v as MarkValue, t: type as WorkTypeId, w: Number(weight) };
  if (third >= 0) m.c = raw.slice(third + 1);
  return isStoredMark(m) ? m : null;
}

/** MARK-1, MARK-2, MARK-4: a stored mark has a value of a marking system, a work type and a positive finite weight. */
export function isStoredMark(v: unknown): v is StoredMark {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const m = v as Record<string, unknown>;
  const anyValue = isMarkValueAllowed('five', m.v) || isMarkValueAllowed('passfail', m.v);
  const weight = typeof m.w === 'number' && Number.isFinite(m.w) && m.w > 0;
  return anyValue && typeof m.t === 'string' && weight && (m.c === undefined || typeof m.c === 'string');
}

/** MARK-6: writes the mark in `place` of a student's cell in a lesson; `null` removes it (DOC-3). */
export function setMark(doc: Y.Doc, lessonId: LessonId, studentId: StudentId, place: string | number, mark: StoredMark | null): void {
  place = String(place);
  if (parseMarkPlace(place) === null) throw new Error(`malformed mark place: ${place}`);
  if (mark !== null && !isStoredMark(mark)) throw new Error(`invalid mark: ${JSON.stringify(mark)}`);
  writeValue(rootMap(doc, 'marks'), joinKey(lessonId, studentId, place), mark === null ? null : markToTuple(mark));
}

/**
 * MARK-6: adds a mark after the cell's others, in a place of its own (`newMarkPlace`); returns the
 * place, or null when the cell already holds `MAX_MARKS_PER_LESSON` marks.
 */
export function addMark(
  doc: Y.Doc,
  lessonId: LessonId,
  studentId: StudentId,
  mark: StoredMark,
  random: () => number = Math.random,
): string | null {
  const place = newMarkPlace(marksOf(doc, lessonId, studentId), random);
  if (place !== null) setMark(doc, lessonId, studentId, place, mark);
  return place;
}

/** The shape of a lesson id (LES-1), checked cheaply: marks are read by the thousand. */
const LESSON_ID_SHAPE = /^\d{6}\.(0|[1-9]\d?)\.[A-Za-z0-9_-]{1,40}(\.[A-Za-z0-9_-]{1,40})?$/;

/**
 * Parses one entry of the marks map; null for removed or malformed marks, and for keys that
 * are not `lessonId:studentId:place` (a hostile key must not add a mark that `marksOf` never
 * shows but an average would count).
 */
export function markFromEntry(key: string, raw: unknown): Mark | null {
  const value = markFromTuple(raw);
  if (!value) return null;
  const parts = splitKey(key);
  if (parts.length !== 3) return null;
  const [lessonId, studentId, place] = parts;
  const parsed = parseMarkPlace(place);
  if (parsed === null || !isValidId(studentId) || !LESSON_ID_SHAPE.test(lessonId)) return null;
  return {
    lessonId: lessonId as LessonId,
    studentId: studentId as StudentId,
    place,
    n: parsed.n,
    value: value.v,
    workType: value.t,
    weight: value.w,
    comment: value.c ?? '',
  };
}

/** The marks of one student in one lesson, in their stable order (MARK-8). */
export function marksOf(doc: Y.Doc, lessonId: LessonId, studentId: StudentId): Mark[] {
  const map = rootMap(doc, 'marks');
  const out: Mark[] = [];
  for (const place of placesOfCell(doc, lessonId, studentId)) {
    const key = joinKey(lessonId, studentId, place);
    const m = markFromEntry(key, map.get(key));
    if (m) out.push(m);
  }
  return out.sort(compareMarks);
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
