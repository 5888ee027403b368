import type * as Y from 'yjs';
import { derived } from '../doc/doc-cache.ts';
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

/** The teaching load indexed both ways; entries are frozen because every reader of a version shares them. */
export interface LoadIndex {
  byClass: ReadonlyMap<ClassId, readonly Assignment[]>;
  byTeacher: ReadonlyMap<UserId, readonly Assignment[]>;
}

/**
 * The load by class and by teacher, built once per version of the school year (DOC-9). Access
 * is decided on every socket upgrade and every `/api/me`; reading the whole load each time made
 * a connection cost as much as the school is large (issue 15).
 */
export function loadIndex(doc: Y.Doc): LoadIndex {
  return derived(doc, 'load:index', () => {
    const byClass = new Map<ClassId, Assignment[]>();
    const byTeacher = new Map<UserId, Assignment[]>();
    for (const a of allAssignments(doc)) {
      const entry = Object.freeze(a);
      pushTo(byClass, a.classId, entry);
      pushTo(byTeacher, a.teacherId, entry);
    }
    return { byClass, byTeacher };
  });
}

/** The assignments of one class (its pages), from the index. */
export function loadOfClass(doc: Y.Doc, classId: ClassId): readonly Assignment[] {
  return loadIndex(doc).byClass.get(classId) ?? [];
}

/** The assignments of one teacher, from the index. */
export function loadOfTeacher(doc: Y.Doc, teacherId: UserId): readonly Assignment[] {
  return loadIndex(doc).byTeacher.get(teacherId) ?? [];
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
