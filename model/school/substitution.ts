import type * as Y from 'yjs';
import { isIsoDate, type ClassId, type GroupId, type IsoDate, type SubjectId, type UserId } from '../ids.ts';
import { derived } from '../doc/doc-cache.ts';
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

/**
 * The substitutions by the teacher who is to teach them, built once per version of the school
 * year (DOC-9), so that deciding one teacher's access (ACC-2) never reads every substitution.
 * Records are frozen: every reader of the version shares them.
 */
export function substitutionsByTeacher(doc: Y.Doc): ReadonlyMap<UserId, readonly Substitution[]> {
  return derived(doc, 'substitutions:byTeacher', () => {
    const out = new Map<UserId, Substitution[]>();
    for (const [, s] of substitutions.all(doc)) {
      const list = out.get(s.teacherId);
      if (list) list.push(Object.freeze(s));
      else out.set(s.teacherId, [Object.freeze(s)]);
    }
    return out;
  });
}
