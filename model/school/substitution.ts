import type * as Y from 'yjs';
import { isIsoDate, type ClassId, type GroupId, type IsoDate, type SubjectId, type UserId } from '../ids.ts';
import { is, recordCollection } from '../doc/record-collection.ts';

/** A substitution (замена) registered by the deputy: who teaches which lesson instead of whom. */
export interface Substitution {
  date: IsoDate;
  slot: number;
  classId: ClassId;
  subjectId: SubjectId;
  groupId: GroupId;
  teacherId: UserId;
  absentTeacherId: UserId;
}

export const substitutions = recordCollection<Substitution>(
  'substitutions',
  (v): v is Substitution =>
    is.object(v) &&
    isIsoDate(v.date) &&
    is.number(v.slot) &&
    is.string(v.classId) &&
    is.string(v.subjectId) &&
    is.string(v.groupId) &&
    is.string(v.teacherId) &&
    is.string(v.absentTeacherId),
);

/** SCH-7: the substitutions one teacher is to teach. */
export function substitutionsOf(doc: Y.Doc, teacherId: UserId): Substitution[] {
  return substitutions
    .all(doc)
    .map(([, s]) => s)
    .filter((s) => s.teacherId === teacherId);
}
