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
 * Who may open a class journal, and how. ACC-1: a teacher writes the journal of a class they
 * teach by the teaching load. ACC-2: a teacher writes the journal of a class they have a
 * registered substitution in. ACC-3: the class teacher reads their class. ACC-4: the director,
 * deputy, administrator and psychologist read every journal; nobody else receives it.
 * Per-path rights inside the journal come with the rights issue.
 */
export function journalAccess(school: Y.Doc, actor: Actor, classId: ClassId): Access | null {
  if (actor.roles.includes('teacher')) {
    const teaches = allAssignments(school).some((a) => a.classId === classId && a.teacherId === actor.userId);
    const substitutes = substitutions.all(school).some(([, s]) => s.classId === classId && s.teacherId === actor.userId);
    if (teaches || substitutes) return 'write';
    if (classes.get(school, classId)?.classTeacherId === actor.userId) return 'read';
  }
  const readsAll: Role[] = ['admin', 'director', 'deputy', 'psychologist'];
  return actor.roles.some((r) => readsAll.includes(r)) ? 'read' : null;
}

/** ACC-5: every staff member reads the school-year document; the administrator and deputy write it. */
export function schoolAccess(actor: Actor): Access | null {
  if (actor.roles.includes('admin') || actor.roles.includes('deputy')) return 'write';
  return actor.roles.some((r) => STAFF_ROLES.includes(r)) ? 'read' : null;
}
