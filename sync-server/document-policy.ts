import type * as Y from 'yjs';
import { authorize, classes, JOURNAL_MAPS, parseDocName, readJournalMeta, SCHOOL_MAPS, type UserId } from '../model/index.ts';
import type { RoomPolicy } from './ws/room.ts';

/**
 * What each document admits. A class journal: its own maps, and every changed path authorized
 * by the model's rule book (PERM-*) with the current school year as context. The school year:
 * its own maps; whoever may write it (ACC-5) writes whole records.
 */
export async function documentPolicy(name: string, doc: Y.Doc, schoolDoc: () => Promise<Y.Doc>): Promise<Omit<RoomPolicy, 'clientIds'>> {
  const parsed = parseDocName(name);
  if (parsed?.kind !== 'journal') return { maps: SCHOOL_MAPS };
  const school = await schoolDoc();
  return {
    maps: JOURNAL_MAPS,
    authorize(conn, changes) {
      const grade = readJournalMeta(doc)?.grade ?? classes.get(school, parsed.classId)?.grade ?? 0;
      const ctx = { school, journal: doc, classId: parsed.classId, grade };
      const actor = { userId: conn.identity.userId as UserId, roles: conn.identity.roles };
      return changes.map((c) => authorize(actor, c, ctx));
    },
  };
}
