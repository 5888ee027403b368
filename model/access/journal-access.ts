import type * as Y from 'yjs';
import { derived } from '../doc/doc-cache.ts';
import type { ClassId, UserId } from '../ids.ts';
import { classesByClassTeacher } from '../school/staff.ts';
import { substitutionsByTeacher } from '../school/substitution.ts';
import { loadIndex } from '../school/teaching-load.ts';

/**
 * Roles held in the server's registry: the staff's, and the parent's and student's, who are
 * linked to one student and receive no journal (their diary comes later).
 */
export type Role = 'admin' | 'director' | 'deputy' | 'teacher' | 'psychologist' | 'parent' | 'student';
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  admin: 'администратор',
  director: 'директор',
  deputy: 'заместитель директора',
  teacher: 'учитель',
  psychologist: 'психолог',
  parent: 'родитель',
  student: 'ученик',
};

/** The roles of school staff, as opposed to families. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'director', 'deputy', 'teacher', 'psychologist'];

export type Access = 'read' | 'write';

export interface Actor {
  userId: UserId;
  roles: readonly Role[];
}

/**
 * Who may open a class journal, and how; what they may change inside it is `authorize`'s
 * (PERM-*). ACC-1: a teacher who teaches the class (teaching load) opens it for writing.
 * ACC-2: so does a teacher with a registered substitution in it. ACC-3: the class teacher
 * opens their class for writing (absence reasons, roster names). ACC-4: the deputy (remarks)
 * and the administrator (roster) open every journal for writing; the director and the
 * psychologist for reading; nobody else receives it. Decided for this one class by a lookup,
 * so its cost does not grow with the school (issue 15).
 */
export function journalAccess(school: Y.Doc, actor: Actor, classId: ClassId): Access | null {
  if (actor.roles.includes('teacher') && teacherJournalClasses(school, actor.userId).has(classId)) return 'write';
  if (actor.roles.includes('deputy') || actor.roles.includes('admin')) return 'write';
  const reads: Role[] = ['director', 'psychologist'];
  return actor.roles.some((r) => reads.includes(r)) ? 'read' : null;
}

const NONE: ReadonlySet<ClassId> = new Set();

/**
 * ACC-1…ACC-3: the classes whose journal a teacher opens for writing — by the load, by a
 * registered substitution, or as class teacher. The whole table, every teacher's, is built once
 * per version of the school year (DOC-9) from the load, substitution and class-teacher indexes,
 * so the route check, the upgrade and `/api/me` of that version all share it.
 */
export function teacherJournalClasses(school: Y.Doc, teacherId: UserId): ReadonlySet<ClassId> {
  const table = derived(school, 'access:teacherJournalClasses', () => {
    const out = new Map<UserId, Set<ClassId>>();
    const add = (teacher: UserId, classId: ClassId) => {
      const set = out.get(teacher);
      if (set) set.add(classId);
      else out.set(teacher, new Set([classId]));
    };
    for (const [teacher, load] of loadIndex(school).byTeacher) for (const a of load) add(teacher, a.classId);
    for (const [teacher, subs] of substitutionsByTeacher(school)) for (const s of subs) add(teacher, s.classId);
    for (const [teacher, ids] of classesByClassTeacher(school)) for (const id of ids) add(teacher, id);
    return out;
  });
  return table.get(teacherId) ?? NONE;
}

/** ACC-5: every staff member reads the school-year document; the administrator and deputy write it. */
export function schoolAccess(actor: Actor): Access | null {
  if (actor.roles.includes('admin') || actor.roles.includes('deputy')) return 'write';
  return actor.roles.some((r) => STAFF_ROLES.includes(r)) ? 'read' : null;
}
