import type * as Y from 'yjs';
import type { LessonId, StudentId } from '../ids.ts';
import { joinKey, rootMap, SEP } from '../doc/flat-map.ts';

/** MARK-6: the most marks one student may get in one lesson. */
export const MAX_MARKS_PER_LESSON = 4;

/**
 * MARK-8: where in a cell a mark lives. A cell (a student in a lesson) may hold several marks;
 * each has its own key `lessonId:studentId:place`. Version 1 journals numbered them 0–3, so a
 * substitute and the main teacher typing into one empty cell at once both wrote place `0` and
 * one mark was lost. Since version 2 (DOC-4) a new mark's place is its position in the cell's order
 * followed by two random letters (`kq` for the first, `1ab`, `2xy`): two devices can no longer choose the same key
 * unless they also draw the same letters (1 in 676), and that rare case the server repairs by
 * moving the losing mark to a place of its own (SYNC-9), so an accepted mark is never lost.
 *
 * Version 1 places (`0`…`3`) stay valid: journals keep them, and a device that wrote them offline
 * before updating still syncs them.
 */
const V1_PLACE = /^[0-3]$/;
const PLACE = /^([1-9]\d?)?([a-z]{2})$/;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export interface MarkPlace {
  /** The place in the cell's order, 0–99. */
  n: number;
  /** The random letters; '' in a version 1 place. */
  tag: string;
}

/** Parses a place; null for anything else (such a key holds no mark, MARK-6). */
export function parseMarkPlace(place: string): MarkPlace | null {
  if (V1_PLACE.test(place)) return { n: Number(place), tag: '' };
  const m = PLACE.exec(place);
  return m ? { n: m[1] ? Number(m[1]) : 0, tag: m[2] } : null;
}

/** MARK-8: the order of a cell's marks, the same on every replica: by place, then by letters. */
export function compareMarks(a: { n: number; place: string }, b: { n: number; place: string }): number {
  return a.n - b.n || (a.place < b.place ? -1 : a.place > b.place ? 1 : 0);
}

/**
 * The place of a new mark after `marks` (the cell's marks now), or null when the cell is full
 * (MARK-6). It follows the last mark, so marks keep the order in which they were typed even
 * after one in the middle is removed.
 */
export function newMarkPlace(marks: readonly { n: number }[], random: () => number = Math.random): string | null {
  if (marks.length >= MAX_MARKS_PER_LESSON) return null;
  const n = marks.reduce((max, m) => Math.max(max, m.n + 1), 0);
  return n > 99 ? null : markPlace(n, random);
}

/**
 * A version 2 place at position `n` of a cell: the position and two random letters, the position
 * left out when it is 0 (most cells hold one mark, and a full year holds ~13,000).
 */
export function markPlace(n: number, random: () => number = Math.random): string {
  const letter = () => LETTERS[Math.floor(random() * LETTERS.length)];
  return `${n === 0 ? '' : n}${letter()}${letter()}`;
}

/**
 * The keys of the marks map by lesson, kept per document: a place is random, so a cell's keys
 * cannot be guessed, and scanning ~13,000 marks for each of a page's cells would be far too
 * slow. By lesson rather than by cell: a lesson has a few dozen keys to look through, and the
 * lists hold the map's own key strings, so a full year costs ~0.4 MB beside the document's
 * ~11 MB (by cell it was 3 MB). Built on first use, then kept current before any observer runs,
 * from the keys each transaction changed; a key whose mark was removed stays listed and reads
 * as no mark.
 */
const indexes = new WeakMap<Y.Doc, Map<string, string[]>>();

const lessonOfKey = (key: string) => key.slice(0, key.indexOf(SEP));

function lessonIndex(doc: Y.Doc): Map<string, string[]> {
  const known = indexes.get(doc);
  if (known) return known;
  const marks = rootMap(doc, 'marks');
  const index = new Map<string, string[]>();
  const add = (key: string, known: boolean) => {
    const lesson = lessonOfKey(key);
    const keys = index.get(lesson);
    if (!keys) index.set(lesson, [key]);
    else if (known || !keys.includes(key)) keys.push(key);
  };
  // Every key of the map once: no need to look for doubles.
  marks.forEach((_v, key) => add(key, true));
  doc.on('beforeObserverCalls', (tr: Y.Transaction) => {
    for (const key of tr.changed.get(marks as never) ?? []) if (key !== null) add(key, false);
  });
  indexes.set(doc, index);
  return index;
}

/**
 * The places of a cell that may hold a mark (the caller reads and checks each). Inside a running
 * transaction the keys it has written so far are added: the index catches up only at its end.
 */
export function placesOfCell(doc: Y.Doc, lessonId: LessonId, studentId: StudentId): string[] {
  const prefix = joinKey(lessonId, studentId) + SEP;
  const places: string[] = [];
  const collect = (key: string | null) => {
    if (key === null || !key.startsWith(prefix)) return;
    const place = key.slice(prefix.length);
    if (!places.includes(place)) places.push(place);
  };
  for (const key of lessonIndex(doc).get(lessonId) ?? []) collect(key);
  const written = doc._transaction?.changed.get(rootMap(doc, 'marks') as never);
  if (written) for (const key of written) collect(key);
  return places;
}
