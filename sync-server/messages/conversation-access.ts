import { parseConversationName } from '../../model/messages/conversation-doc.ts';
import { STAFF_ROLES, type Access } from '../../model/index.ts';
import { studentLinksOf } from '../auth/student-links.ts';
import type { ConversationRecord, MessageStore, UserRecord } from '../storage/port.ts';

/**
 * MSG-2: whether `user` is a member of the conversation: its family account while still linked to
 * the student, or its staff member while still staff. Anyone else, and a conversation that does not
 * exist, get the same null (the sync route answers 403 to both, the HTTP routes 404).
 */
export function isMember(user: UserRecord, c: ConversationRecord): boolean {
  if (user.disabled) return false;
  if (user.id === c.familyUserId) return studentLinksOf(user).some((l) => l.studentId === c.studentId);
  if (user.id === c.staffUserId) return user.roles.some((r) => STAFF_ROLES.includes(r));
  return false;
}

/** Directory's access to a `conv/{id}/{yearId}` document: read and write for its members in the current year. */
export function conversationAccess(store: MessageStore, currentYearId: string) {
  return async (user: UserRecord, docName: string): Promise<Access | null> => {
    const parsed = parseConversationName(docName);
    if (!parsed || parsed.yearId !== currentYearId) return null;
    const c = await store.findConversation(parsed.conversationId);
    return c && c.yearId === parsed.yearId && isMember(user, c) ? 'write' : null;
  };
}
