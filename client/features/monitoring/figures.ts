import type { PageFigures } from '../../../model/index.ts';

/** What the items of a figure are: lessons, marks (`lessonId:studentId:n`) or students. */
export type FigureKind = 'lessons' | 'marks' | 'students';

/** One figure a page's row can open: its label and the items it counts (MON-6: every figure links to them). */
export interface Figure {
  key: string;
  /** Shown in the list's heading: «уроки без темы». */
  title: string;
  kind: FigureKind;
  items: (p: PageFigures) => readonly string[];
  /** Counted against the teacher: shown in red when there are any. */
  bad?: boolean;
}

export const FIGURES: Record<string, Figure> = {
  held: { key: 'held', title: 'проведённые уроки', kind: 'lessons', items: (p) => p.held },
  withoutTopic: { key: 'withoutTopic', title: 'уроки без темы', kind: 'lessons', items: (p) => p.withoutTopic, bad: true },
  recordedOnTime: { key: 'recordedOnTime', title: 'темы, записанные в срок', kind: 'lessons', items: (p) => p.recordedOnTime },
  recordedLate: { key: 'recordedLate', title: 'темы, записанные позже срока', kind: 'lessons', items: (p) => p.recordedLate, bad: true },
  recordedUnknown: { key: 'recordedUnknown', title: 'темы без истории изменений', kind: 'lessons', items: (p) => p.recordedUnknown },
  marks: { key: 'marks', title: 'отметки', kind: 'marks', items: (p) => p.marks },
  marksOnTime: { key: 'marksOnTime', title: 'отметки, внесённые в срок', kind: 'marks', items: (p) => p.marksOnTime },
  marksLate: { key: 'marksLate', title: 'отметки, внесённые позже срока', kind: 'marks', items: (p) => p.marksLate, bad: true },
  marksUnknown: { key: 'marksUnknown', title: 'отметки без истории изменений', kind: 'marks', items: (p) => p.marksUnknown },
  withoutHomework: { key: 'withoutHomework', title: 'уроки без домашнего задания', kind: 'lessons', items: (p) => p.withoutHomework },
  noMarks: { key: 'noMarks', title: 'учащиеся без отметок', kind: 'students', items: (p) => p.noMarks, bad: true },
  oneMark: { key: 'oneMark', title: 'учащиеся с одной отметкой', kind: 'students', items: (p) => p.oneMark },
  ktpMissing: { key: 'ktpMissing', title: 'уроки без пункта КТП', kind: 'lessons', items: (p) => p.ktpMissing },
  withoutAttendance: {
    key: 'withoutAttendance',
    title: 'уроки без отметки посещаемости',
    kind: 'lessons',
    items: (p) => p.withoutAttendance,
  },
  substituted: { key: 'substituted', title: 'замещённые уроки', kind: 'lessons', items: (p) => p.substituted },
  empty: { key: 'empty', title: 'уроки, по которым ничего не записано', kind: 'lessons', items: (p) => p.empty, bad: true },
};

/** «12 из 15» or «—» when there is nothing to count. */
export function share(part: number, whole: number): string {
  return whole === 0 ? '—' : `${part} из ${whole}`;
}

/** «80 %» (whole percents: the table is read at a glance) or «—». */
export function percentText(part: number, whole: number): string {
  return whole === 0 ? '—' : `${Math.round((part / whole) * 100)} %`;
}

/** The row's key in the page: `5b:math:all`. */
export const pageKey = (p: Pick<PageFigures, 'classId' | 'subjectId' | 'groupId'>) => `${p.classId}:${p.subjectId}:${p.groupId}`;
