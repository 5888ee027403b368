import type * as Y from 'yjs';
import { is, recordCollection } from '../doc/record-collection.ts';
import type { SubjectId, UserId } from '../ids.ts';

/** Kinds of КТП items; practical, laboratory and control works are named in the plan. */
export type KtpKind = 'lesson' | 'control' | 'lab' | 'practical';

/** One topic of a teacher's calendar-thematic plan (КТП) for a subject and grade. */
export interface KtpItem {
  teacherId: UserId;
  subjectId: SubjectId;
  grade: number;
  order: number;
  title: string;
  hours: number;
  kind: KtpKind;
}

export const ktpItems = recordCollection<KtpItem>(
  'ktp',
  (v): v is KtpItem =>
    is.object(v) &&
    is.string(v.teacherId) &&
    is.string(v.subjectId) &&
    is.number(v.grade) &&
    is.number(v.order) &&
    is.string(v.title) &&
    is.number(v.hours) &&
    (v.kind === 'lesson' || v.kind === 'control' || v.kind === 'lab' || v.kind === 'practical'),
);

/** SCH-4: the КТП of a subject and grade in plan order: the teacher's own when they have one, else every teacher's. */
export function ktpFor(doc: Y.Doc, subjectId: SubjectId, grade: number, teacherId?: UserId): Array<[string, KtpItem]> {
  const items = ktpItems.all(doc).filter(([, k]) => k.subjectId === subjectId && k.grade === grade);
  const own = items.filter(([, k]) => k.teacherId === teacherId);
  return (own.length > 0 ? own : items).sort((a, b) => a[1].order - b[1].order);
}
