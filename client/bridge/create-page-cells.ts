import type * as Y from 'yjs';
import { createComputed, onCleanup, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import {
  joinKey,
  marksOf,
  readAbsence,
  rootMap,
  splitKey,
  type AbsenceMark,
  type JsonValue,
  type LessonId,
  type MarkValue,
  type StudentId,
} from '../../model/index.ts';

export interface CellMark {
  /** The mark's place in its cell (MARK-8). */
  place: string;
  value: MarkValue;
  weight: number;
}

/** What one cell of the grid shows: a student's marks and absence mark in one lesson. */
export interface CellValue {
  marks: CellMark[];
  absence: AbsenceMark | null;
}

const EMPTY: CellValue = { marks: [], absence: null };

export function cellKey(lessonId: LessonId, studentId: StudentId): string {
  return joinKey(lessonId, studentId);
}

/**
 * The cells of one journal page as a Solid store keyed `lessonId:studentId`. A journal holds
 * ~13,000 marks: the page is scanned once when its set of lessons changes, and after that
 * only the keys a Yjs event names are re-read, so a typed mark updates one cell, not the grid.
 */
export function createPageCells(
  doc: Y.Doc,
  lessons: Accessor<ReadonlySet<string>>,
): (lessonId: LessonId, studentId: StudentId) => CellValue {
  const [cells, setCells] = createStore<Record<string, CellValue>>({});
  const marks = rootMap(doc, 'marks');
  const attendance = rootMap(doc, 'attendance');

  const read = (lessonId: LessonId, studentId: StudentId): CellValue => ({
    marks: marksOf(doc, lessonId, studentId).map((m) => ({ place: m.place, value: m.value, weight: m.weight })),
    absence: readAbsence(doc, lessonId, studentId),
  });

  createComputed(() => {
    const ids = lessons();
    const touched = new Set<string>();
    // Runs over every mark and absence of the year: string slices, no arrays per key.
    const scan = (_v: unknown, key: string) => {
      const first = key.indexOf(':');
      if (!ids.has(key.slice(0, first))) return;
      const second = key.indexOf(':', first + 1);
      touched.add(second === -1 ? key : key.slice(0, second));
    };
    marks.forEach(scan);
    attendance.forEach(scan);
    const next: Record<string, CellValue> = {};
    for (const k of touched) {
      const [lessonId, studentId] = splitKey(k) as [LessonId, StudentId];
      const v = read(lessonId, studentId);
      if (v.marks.length > 0 || v.absence !== null) next[k] = v;
    }
    setCells(reconcile(next));
  });

  const onChange = (event: Y.YMapEvent<JsonValue>) => {
    const ids = lessons();
    const dirty = new Set<string>();
    for (const key of event.keysChanged) {
      const [lessonId, studentId] = splitKey(key);
      if (ids.has(lessonId)) dirty.add(joinKey(lessonId, studentId));
    }
    for (const k of dirty) {
      const [lessonId, studentId] = splitKey(k) as [LessonId, StudentId];
      setCells(k, reconcile(read(lessonId, studentId)));
    }
  };
  marks.observe(onChange);
  attendance.observe(onChange);
  onCleanup(() => {
    marks.unobserve(onChange);
    attendance.unobserve(onChange);
  });

  return (lessonId, studentId) => cells[cellKey(lessonId, studentId)] ?? EMPTY;
}
