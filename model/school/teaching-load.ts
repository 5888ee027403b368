import type * as Y from 'yjs';
import { joinKey, splitKey } from '../doc/flat-map.ts';
import { is, recordCollection } from '../doc/record-collection.ts';
import type { ClassId, GroupId, SubjectId, UserId } from '../ids.ts';

/** SCH-5: teaching load (распределение нагрузки): who teaches a subject to a class or group (`load["classId:subjectId:groupId"]`). */
export interface LoadEntry {
  teacherId: UserId;
}

/** The `load` map's records; read them through `allAssignments`, write through `assignTeacher`. */
export const loadEntries = recordCollection<LoadEntry>('load', (v): v is LoadEntry => is.object(v) && is.string(v.teacherId));

export interface Assignment {
  classId: ClassId;
  subjectId: SubjectId;
  groupId: GroupId;
  teacherId: UserId;
}

export function assignTeacher(doc: Y.Doc, a: Assignment): void {
  loadEntries.set(doc, joinKey(a.classId, a.subjectId, a.groupId), { teacherId: a.teacherId });
}

/** Clears one assignment (written as null, DOC-3): nobody teaches that class, subject and group any more. */
export function unassignTeacher(doc: Y.Doc, a: Pick<Assignment, 'classId' | 'subjectId' | 'groupId'>): void {
  loadEntries.remove(doc, joinKey(a.classId, a.subjectId, a.groupId));
}

/** Every assignment of the school year. */
export function allAssignments(doc: Y.Doc): Assignment[] {
  return loadEntries.all(doc).map(([key, v]) => {
    const [classId, subjectId, groupId] = splitKey(key) as [ClassId, SubjectId, GroupId];
    return { classId, subjectId, groupId, teacherId: v.teacherId };
  });
}

/** The assignments of one teacher (what they teach, where). */
export function assignmentsOf(doc: Y.Doc, teacherId: UserId): Assignment[] {
  return allAssignments(doc).filter((a) => a.teacherId === teacherId);
}
