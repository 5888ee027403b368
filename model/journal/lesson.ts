import type * as Y from 'yjs';
import {
  asDate,
  isValidId,
  type GroupId,
  type IsoDate,
  type KtpItemId,
  type LessonId,
  type SubjectId,
  type UserId,
  type WorkTypeId,
  WHOLE_CLASS,
} from '../ids.ts';
import { joinKey, rootMap, splitKey, writeValue } from '../doc/flat-map.ts';

/**
 * LES-1: a lesson's id is derived from what identifies it — date, bell slot, subject, group —
 * never random, so a main teacher and a substitute who open the same lesson offline write
 * into one lesson. Form: `YYMMDD.slot.subjectId`, plus `.groupId` for a group of a split
 * class (`261103.2.math`, `261103.3.eng.5b-en1`). The id is in every mark's and absence's key,
 * so it is kept short: it is a third of the key of the most numerous entries (DOC-2).
 */
export function lessonId(date: IsoDate, slot: number, subjectId: SubjectId, groupId: GroupId): LessonId {
  if (!Number.isInteger(slot) || slot < 0 || slot > 99) throw new Error(`invalid bell slot: ${slot}`);
  if (!date.startsWith('20')) throw new Error(`lesson dates are in 2000–2099: ${date}`);
  const day = `${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}`;
  return `${day}.${slot}.${subjectId}${groupId === WHOLE_CLASS ? '' : `.${groupId}`}` as LessonId;
}

export interface LessonKey {
  date: IsoDate;
  slot: number;
  subjectId: SubjectId;
  groupId: GroupId;
}

/**
 * LES-2: parses a lesson id back into its parts; null when it is not a well-formed lesson id
 * in the one form `lessonId` writes (so "240902.03.…" with a padded slot, or an explicit
 * ".all" group, is refused: it would name a second lesson for the same date and slot).
 */
export function parseLessonId(id: string): LessonKey | null {
  // Lesson ids repeat by the thousand (every mark of a lesson carries one): parse each once.
  const hit = parsedLessonIds.get(id);
  if (hit !== undefined) return hit === null ? null : { ...hit };
  const parsed = parseLessonIdUncached(id);
  if (parsedLessonIds.size >= PARSE_CACHE_SIZE) parsedLessonIds.clear();
  parsedLessonIds.set(id, parsed);
  return parsed === null ? null : { ...parsed };
}

const PARSE_CACHE_SIZE = 20_000;
const parsedLessonIds = new Map<string, LessonKey | null>();

function parseLessonIdUncached(id: string): LessonKey | null {
  const m = /^(\d{2})(\d{2})(\d{2})\.(0|[1-9]\d?)\.([^.:]+)(?:\.([^.:]+))?$/.exec(id);
  if (!m || !isValidId(m[5]) || (m[6] !== undefined && (!isValidId(m[6]) || m[6] === WHOLE_CLASS))) return null;
  try {
    const groupId = (m[6] ?? WHOLE_CLASS) as GroupId;
    return { date: asDate(`20${m[1]}-${m[2]}-${m[3]}`), slot: Number(m[4]), subjectId: m[5] as SubjectId, groupId };
  } catch {
    return null;
  }
}

/** What a teacher records about a lesson (the left-hand page of the paper journal). */
export interface LessonRecord {
  topic: string;
  ktpItemId: KtpItemId | null;
  homework: string;
  workType: WorkTypeId | null;
  /** Set when the lesson was recorded by a substitute: the substitute's user id. */
  substitute: UserId | null;
  /**
   * ATT-4: true once the teacher has taken the lesson's attendance — with the first absence mark,
   * or «Все присутствуют» when nobody is missing (which leaves no mark to tell it by).
   */
  attendanceChecked: true | null;
}

export type LessonField = keyof LessonRecord;
export const LESSON_FIELDS: readonly LessonField[] = ['topic', 'ktpItemId', 'homework', 'workType', 'substitute', 'attendanceChecked'];

const EMPTY: LessonRecord = { topic: '', ktpItemId: null, homework: '', workType: null, substitute: null, attendanceChecked: null };

/**
 * LES-3: writes one field of a lesson (`lessons["lessonId:field"]`). Each field is its own
 * cell, so concurrent edits of different fields of one lesson both survive.
 */
export function setLessonField<F extends LessonField>(doc: Y.Doc, id: LessonId, field: F, value: LessonRecord[F]): void {
  writeValue(rootMap(doc, 'lessons'), joinKey(id, field), value);
}

/** Reads a lesson record; absent fields read as empty. */
export function readLesson(doc: Y.Doc, id: LessonId): LessonRecord {
  const map = rootMap(doc, 'lessons');
  const out: LessonRecord = { ...EMPTY };
  for (const f of LESSON_FIELDS) {
    const v = map.get(joinKey(id, f));
    if (f === 'attendanceChecked') out.attendanceChecked = v === true ? true : null;
    else if (typeof v === 'string') (out as unknown as Record<string, unknown>)[f] = v;
  }
  return out;
}

/** Ids of every lesson of a subject and group that has any recorded field. */
export function recordedLessonIds(doc: Y.Doc, subjectId: SubjectId, groupId: GroupId): LessonId[] {
  const ids = new Set<LessonId>();
  rootMap(doc, 'lessons').forEach((v, key) => {
    if (v === null || v === '') return;
    const id = splitKey(key)[0];
    const k = parseLessonId(id);
    if (k && k.subjectId === subjectId && k.groupId === groupId) ids.add(id as LessonId);
  });
  return [...ids];
}
