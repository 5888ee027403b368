import type * as Y from 'yjs';
import { isIsoDate, isValidId, type ClassId, type GroupId, type IsoDate, type SubjectId } from '../ids.ts';
import { derived } from '../doc/doc-cache.ts';
import { joinKey } from '../doc/flat-map.ts';
import { is, recordCollection } from '../doc/record-collection.ts';
import { lessonId } from '../journal/lesson.ts';

/**
 * MOVE-1: a move (перенос) of one lesson of a class's page (subject, group) from its date and
 * bell slot to another, registered by the deputy: `moves["classId:fromLessonId"]`. Keyed by the
 * lesson it moves, so a lesson has at most one move and two deputies moving it offline converge
 * on one target; moving it again replaces the record, cancelling writes null (DOC-3).
 */
export interface LessonMove {
  classId: ClassId;
  subjectId: SubjectId;
  groupId: GroupId;
  fromDate: IsoDate;
  fromSlot: number;
  toDate: IsoDate;
  toSlot: number;
}

const isSlot = (v: unknown): v is number => is.number(v) && Number.isInteger(v) && v >= 0 && v <= 99;
/** A date a lesson id can carry (LES-1: 2000–2099). */
const isLessonDate = (v: unknown): v is IsoDate => isIsoDate(v) && v.startsWith('20');

export const moves = recordCollection<LessonMove>(
  'moves',
  (v): v is LessonMove =>
    is.object(v) &&
    isValidId(v.classId) &&
    isValidId(v.subjectId) &&
    isValidId(v.groupId) &&
    isLessonDate(v.fromDate) &&
    isSlot(v.fromSlot) &&
    isLessonDate(v.toDate) &&
    isSlot(v.toSlot) &&
    (v.fromDate !== v.toDate || v.fromSlot !== v.toSlot),
);

/** MOVE-1: the key of the move of a lesson: its class and the id of the lesson it moves away. */
export function moveKey(m: Pick<LessonMove, 'classId' | 'subjectId' | 'groupId' | 'fromDate' | 'fromSlot'>): string {
  return joinKey(m.classId, lessonId(m.fromDate, m.fromSlot, m.subjectId, m.groupId));
}

/** Every valid move with its key, parsed once per version of the school year (DOC-9), as copies. */
export function allMoves(school: Y.Doc): Array<[string, LessonMove]> {
  return derived(school, 'moves', () => moves.all(school)).map(([k, m]) => [k, { ...m }]);
}

/** The moves of one page (class, subject, group). */
export function pageMoves(school: Y.Doc, classId: ClassId, subjectId: SubjectId, groupId: GroupId): LessonMove[] {
  return allMoves(school)
    .map(([, m]) => m)
    .filter((m) => m.classId === classId && m.subjectId === subjectId && m.groupId === groupId);
}
