import type * as Y from 'yjs';
import { isIsoDate, randomId, type GroupId, type IsoDate, type StudentId } from '../ids.ts';
import { joinKey, rootMap, splitKey, writeValue } from '../doc/flat-map.ts';

/** A student on the class roster. Personal data beyond the name stays on the server. */
export interface Student {
  id: StudentId;
  name: string;
  groups: GroupId[];
  enrolledOn: IsoDate | null;
  leftOn: IsoDate | null;
}

type Field = 'name' | 'groups' | 'enrolledOn' | 'leftOn';
const FIELDS: readonly Field[] = ['name', 'groups', 'enrolledOn', 'leftOn'];

/**
 * STU-4: a new student's id: 6 random characters (36⁶ ≈ 2·10⁹, no collision within a school).
 * Short, because it is in the key of every mark and absence of the student.
 */
export function newStudentId(random: () => number = Math.random): StudentId {
  return randomId(6, random) as StudentId;
}

/** Writes one roster field (`students["studentId:field"]`). */
export function setStudentField<F extends Field>(doc: Y.Doc, id: StudentId, field: F, value: Student[F]): void {
  writeValue(rootMap(doc, 'students'), joinKey(id, field), value as never);
}

/** Adds or overwrites a student's whole roster record. */
export function putStudent(doc: Y.Doc, s: Student): void {
  for (const f of FIELDS) setStudentField(doc, s.id, f, s[f]);
}

/**
 * STU-3: the roster, sorted by name the Russian way (ё with е, not by code point), namesakes by
 * id so that every replica shows one order. Malformed
 * fields read as empty; a student without a name (removed) is not listed.
 */
export function listStudents(doc: Y.Doc): Student[] {
  const byId = new Map<string, Student>();
  rootMap(doc, 'students').forEach((value, key) => {
    const [id, field] = splitKey(key);
    let s = byId.get(id);
    if (!s) {
      s = { id: id as StudentId, name: '', groups: [], enrolledOn: null, leftOn: null };
      byId.set(id, s);
    }
    if (field === 'name' && typeof value === 'string') s.name = value;
    else if (field === 'groups' && Array.isArray(value)) s.groups = value.filter((g) => typeof g === 'string') as GroupId[];
    else if (field === 'enrolledOn' && isIsoDate(value)) s.enrolledOn = value;
    else if (field === 'leftOn' && isIsoDate(value)) s.leftOn = value;
  });
  // Namesakes are ordered by id: map iteration order differs between replicas.
  const byName = (a: Student, b: Student) => a.name.localeCompare(b.name, 'ru') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...byId.values()].filter((s) => s.name !== '').sort(byName);
}

/** STU-1: a student is on the page of a date when enrolled by then and not yet left. */
export function isEnrolledOn(s: Student, date: IsoDate): boolean {
  return (s.enrolledOn === null || s.enrolledOn <= date) && (s.leftOn === null || date < s.leftOn);
}

/** STU-2: a student belongs to a group page when the group is the whole class or theirs. */
export function isInGroup(s: Student, groupId: GroupId): boolean {
  return groupId === 'all' || s.groups.includes(groupId);
}
