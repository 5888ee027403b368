import type * as Y from 'yjs';
import { boardRight, parseBoardName, type Access, type BoardActor } from '../../model/index.ts';
import { studentLinksOf } from '../auth/student-links.ts';
import type { UserRecord } from '../storage/port.ts';

/** The account as the board's rules see it: its roles and its family's classes (`studentLinksOf`). */
export function boardActorOf(user: UserRecord): BoardActor {
  return { userId: user.id, roles: user.roles, familyClassIds: [...new Set(studentLinksOf(user).map((l) => l.classId))] };
}

/**
 * ANN-1, ANN-3: access to a board's document over the sync protocol: read for whoever may read
 * the board, never write (the server writes it), null for everyone else and for another year's
 * board — the same answer whether the board exists or not.
 */
export function boardSyncAccess(school: Y.Doc, yearId: string | null, user: UserRecord, docName: string): Access | null {
  const board = parseBoardName(docName);
  if (!board || board.yearId !== yearId) return null;
  return boardRight(school, boardActorOf(user), board.scope) ? 'read' : null;
}
