import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addMark,
  change,
  correctMark,
  markFromTuple,
  lessonId,
  marksOf,
  readAbsence,
  removeOneMark,
  rootMap,
  setAbsence,
  type JsonValue,
} from '../../model/index.ts';
import { ALGEBRA, d, grp, mark, newJournal, sid } from './fixtures.ts';

const L = lessonId(d('2024-09-03'), 2, ALGEBRA, grp('all'));
const S = sid('st1');

/** The paths one transaction changed, with their old and new marks (read back, DOC-8), as the server's history sees them. */
function changedPaths(doc: Y.Doc, fn: () => void): Array<[string, unknown, unknown]> {
  const out: Array<[string, unknown, unknown]> = [];
  const marks = rootMap(doc, 'marks');
  const watch = (e: Y.YMapEvent<JsonValue>) => {
    for (const [key, c] of e.changes.keys) out.push([key, markFromTuple(c.oldValue), markFromTuple(marks.get(key))]);
  };
  marks.observe(watch);
  change(doc, 'test', fn);
  marks.unobserve(watch);
  return out;
}

describe('one mark of several, corrected or removed alone', () => {
  it('MARK-9: a correction writes the new value into the mark’s own place with its work type, weight and comment; the others and «н» stay', () => {
    const doc = newJournal();
    setAbsence(doc, L, S, 'late');
    addMark(doc, L, S, mark(5));
    addMark(doc, L, S, mark(3, 'test', 3, 'тест'));
    addMark(doc, L, S, mark(4));
    const [first, second, third] = marksOf(doc, L, S);
    const paths = changedPaths(doc, () => expect(correctMark(doc, L, S, second.place, 4)).toBe(true));
    // The history sees exactly one change: that place, old tuple → new tuple.
    expect(paths).toEqual([[`${L}:${S}:${second.place}`, mark(3, 'test', 3, 'тест'), mark(4, 'test', 3, 'тест')]]);
    expect(marksOf(doc, L, S).map((m) => [m.place, m.value, m.workType, m.weight, m.comment])).toEqual([
      [first.place, 5, 'oral', 1, ''],
      [second.place, 4, 'test', 3, 'тест'],
      [third.place, 4, 'oral', 1, ''],
    ]);
    expect(readAbsence(doc, L, S)).toBe('late');
  });

  it('MARK-9: removing one mark writes null in its place alone; a place without a mark is neither corrected nor removed', () => {
    const doc = newJournal();
    setAbsence(doc, L, S, 'absent');
    for (const v of [5, 4, 3] as const) addMark(doc, L, S, mark(v));
    const middle = marksOf(doc, L, S)[1];
    const paths = changedPaths(doc, () => expect(removeOneMark(doc, L, S, middle.place)).toBe(true));
    expect(paths).toEqual([[`${L}:${S}:${middle.place}`, mark(4), null]]);
    expect(marksOf(doc, L, S).map((m) => m.value)).toEqual([5, 3]);
    expect(readAbsence(doc, L, S)).toBe('absent');
    // Gone meanwhile (another device removed it): nothing is written, the caller is told.
    expect(changedPaths(doc, () => expect(correctMark(doc, L, S, middle.place, 2)).toBe(false))).toEqual([]);
    expect(changedPaths(doc, () => expect(removeOneMark(doc, L, S, middle.place)).toBe(false))).toEqual([]);
    expect(marksOf(doc, L, S).map((m) => m.value)).toEqual([5, 3]);
  });

  it('MARK-9: a correction and a colleague’s new mark in the same cell, made at once, both survive', () => {
    const a = newJournal();
    addMark(a, L, S, mark(3));
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    correctMark(a, L, S, marksOf(a, L, S)[0].place, 4);
    addMark(b, L, S, mark(5));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(marksOf(a, L, S).map((m) => m.value)).toEqual([4, 5]);
    expect(marksOf(b, L, S).map((m) => m.value)).toEqual([4, 5]);
  });
});
