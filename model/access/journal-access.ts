import type * as Y from 'yjs';
import type { ClassId, UserId } from '../ids.ts';
import { classes } from '../school/staff.ts';
import { substitutions } from '../school/substitution.ts';
import { allAssignments } from '../school/teaching-load.ts';

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
 * psychologist for reading; nobody else receives it.
 */
export function journalAccess(school: Y.Doc, actor: Actor, classId: ClassId): Access | null {
  if (actor.roles.includes('teacher')) {
    const teaches = allAssignments(school).some((a) => a.classId === classId && a.teacherId === actor.userId);
    const substitutes = substitutions.all(school).some(([, s]) => s.classId === classId && s.teacherId === actor.userId);
    const classTeacher = classes.get(school, classId)?.classTeacherId === actor.userId;
    if (teaches || substitutes || classTeacher) return 'write';
  }
  if (actor.roles.includes('deputy') || actor.roles.includes('admin')) return 'write';
  const reads: Role[] = ['director', 'psychologist'];
  return actor.roles.some((r) => reads.includes(r)) ? 'read' : null;
}

/** ACC-5: every staff member reads the school-year document; the administrator and deputy write it. */
export function schoolAccess(actor: Actor): Access | null {
  if (actor.roles.includes('admin') || actor.roles.includes('deputy')) return 'write';
  return actor.roles.some((r) => STAFF_ROLES.includes(r)) ? 'read' : null;
}
