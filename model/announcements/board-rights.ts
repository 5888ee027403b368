import type * as Y from 'yjs';
import { STAFF_ROLES, type Role } from '../access/journal-access.ts';
import { journalAccess } from '../access/journal-access.ts';
import type { ClassId, UserId } from '../ids.ts';
import { classes } from '../school/staff.ts';
import { SCHOOL_BOARD, type BoardPost } from './board-doc.ts';

/** The school's administration: they post on every board and moderate every announcement. */
export const BOARD_ADMINISTRATION: readonly Role[] = ['admin', 'director', 'deputy'];

export interface BoardActor {
  userId: string;
  roles: readonly Role[];
  /** The classes of the account's children (a parent) or its own (a student), `studentLinksOf`. */
  familyClassIds: readonly string[];
}

export type BoardRight = 'post' | 'read';

const isAdministration = (a: BoardActor) => a.roles.some((r) => BOARD_ADMINISTRATION.includes(r));
const isStaff = (a: BoardActor) => a.roles.some((r) => STAFF_ROLES.includes(r));

/** Whether the account is the class teacher of that class by the school year. */
export function isClassTeacherOf(school: Y.Doc, actor: Pick<BoardActor, 'userId' | 'roles'>, classId: string): boolean {
  const c = classes.get(school, classId as ClassId);
  return actor.roles.includes('teacher') && c !== undefined && c.classTeacherId === actor.userId;
}

/**
 * ANN-3: what an account may do on a board, or null when it may not even read it. The school's
 * board: every staff member and every family reads it; the administration posts. A class's
 * board: the administration and the class teacher post; the teachers of the class and the
 * psychologist read; a family reads the boards of its children's classes only. A class that does
 * not exist is no board (null for everyone but the administration, who read every class).
 */
export function boardRight(school: Y.Doc, actor: BoardActor, scope: string): BoardRight | null {
  if (scope === SCHOOL_BOARD) {
    if (isAdministration(actor)) return 'post';
    return isStaff(actor) || actor.familyClassIds.length > 0 ? 'read' : null;
  }
  const exists = classes.get(school, scope as ClassId) !== undefined;
  if (!exists) return null;
  if (isAdministration(actor) || isClassTeacherOf(school, actor, scope)) return 'post';
  if (isStaff(actor)) {
    const access = journalAccess(school, { userId: actor.userId as UserId, roles: [...actor.roles] }, scope as ClassId);
    return access ? 'read' : null;
  }
  return actor.familyClassIds.includes(scope) ? 'read' : null;
}

/** ANN-4, ANN-5: the author, and the administration, pin an announcement and close its comments. */
export function mayModerate(actor: BoardActor, post: Pick<BoardPost, 'authorId'>): boolean {
  return post.authorId === actor.userId || isAdministration(actor);
}

/** ANN-6: who sees the list of readers: the author, the class teacher of a class board, the administration. */
export function maySeeReaders(school: Y.Doc, actor: BoardActor, scope: string, post: Pick<BoardPost, 'authorId'>): boolean {
  if (mayModerate(actor, post)) return true;
  return scope !== SCHOOL_BOARD && isClassTeacherOf(school, actor, scope);
}

/** ANN-7: the longest title and text of an announcement and of a comment. */
export const BOARD_LIMITS = { title: 200, text: 5000, comment: 2000 } as const;

/** The first problem of an announcement as typed, in Russian, or null. */
export function postProblem(title: string, text: string): string | null {
  if (title.trim() === '') return 'Укажите заголовок объявления';
  if (title.length > BOARD_LIMITS.title) return `Заголовок длиннее ${BOARD_LIMITS.title} символов`;
  if (text.trim() === '') return 'Напишите текст объявления';
  if (text.length > BOARD_LIMITS.text) return `Текст длиннее ${BOARD_LIMITS.text} символов`;
  return null;
}
