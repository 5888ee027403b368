import type * as Y from 'yjs';
import {
  authorize,
  authorizeSchoolChange,
  classes,
  DIARY_MAPS,
  BOARD_MAPS,
  parseBoardName,
  JOURNAL_MAPS,
  parseDiaryName,
  parseDocName,
  readJournalMeta,
  SCHOOL_MAPS,
  type AuthorizeContext,
  type UserId,
} from '../model/index.ts';
import type { JournalUseIndex } from './journal-use-index.ts';
import { parseConversationName } from '../model/messages/conversation-doc.ts';
import { conversationPolicy } from './messages/conversation-policy.ts';
import type { RoomPolicy } from './ws/room.ts';

/**
 * What each document admits. A class journal: its own maps, and every changed path authorized
 * by the model's rule book (PERM-*) with the current school year as context. The school year:
 * its own maps, every changed record checked by its rule book (YEAR-7…9) against the document
 * as the update left it.
 *
 * The context is kept between updates and rebuilt only when what it reads changes (the school
 * year, the roster, the journal's meta): `authorize` memoizes the roster, the teaching load and
 * the substitutions per context, so the hot path of a single mark reads none of them again.
 *
 * `journals`: what the school year's rules know of the class journals (SETUP-4, YEAR-15); each
 * journal's room attaches its document to it while it is open.
 */
export async function documentPolicy(
  name: string,
  doc: Y.Doc,
  schoolDoc: () => Promise<Y.Doc>,
  /** The server's clock (clock.ts): PERM-13 judges "has the lesson begun" by it, never by the client's. */
  now: () => number = Date.now,
  journals?: JournalUseIndex,
): Promise<Omit<RoomPolicy, 'clientIds'>> {
  // DIARY-1: a diary is written by the server only; every connection to it is read-only.
  if (parseDiaryName(name)) return { maps: DIARY_MAPS };
  // ANN-1: a board too: its posts and comments arrive through the routes, written by the server.
  if (parseBoardName(name)) return { maps: BOARD_MAPS };
  // MSG-2…MSG-9: a conversation's rules, stamped by the server's clock.
  if (parseConversationName(name)) return conversationPolicy(doc, now);
  const parsed = parseDocName(name);
  if (parsed?.kind !== 'journal') {
    const useOf = journals ? (classId: string) => journals.of(classId) : undefined;
    return {
      maps: SCHOOL_MAPS,
      authorize(conn, changes) {
        const actor = { userId: conn.identity.userId as UserId, roles: conn.identity.roles };
        return changes.map((c) => authorizeSchoolChange(actor, c, doc, useOf));
      },
    };
  }
  journals?.attach(name, doc);
  const school = await schoolDoc();
  let ctx: AuthorizeContext | null = null;
  const invalidate = () => {
    ctx = null;
  };
  school.on('update', invalidate);
  doc.getMap('students').observe(invalidate);
  doc.getMap('meta').observe(invalidate);
  return {
    maps: JOURNAL_MAPS,
    authorize(conn, changes) {
      ctx ??= {
        school,
        journal: doc,
        classId: parsed.classId,
        grade: readJournalMeta(doc)?.grade ?? classes.get(school, parsed.classId)?.grade ?? 0,
      };
      // Read per update, while the rest of the context (roster, load, bells) is kept between them.
      ctx.now = now();
      const actor = { userId: conn.identity.userId as UserId, roles: conn.identity.roles };
      return changes.map((c) => authorize(actor, c, ctx!));
    },
    dispose() {
      school.off('update', invalidate);
      journals?.detach(name, doc);
    },
  };
}
