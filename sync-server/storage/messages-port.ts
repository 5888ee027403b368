/**
 * The storage port's index of conversations (MSG-11): who is in which conversation, when its last
 * message came, how far each member has read, and the attachments' bytes. The messages themselves
 * live in the conversation documents; this index answers the list with unread counts without
 * opening one document per conversation. `port.ts` re-exports it.
 */

/** One conversation: a family account and a staff member about one student, in one school year. */
export interface ConversationRecord {
  id: string;
  yearId: string;
  studentId: string;
  classId: string;
  familyUserId: string;
  staffUserId: string;
  /** How each side is shown to the other (names and roles only, MSG-5). */
  familyLabel: string;
  staffLabel: string;
  createdAt: number;
  /** The stamp of the last message, null while there is none. */
  lastAt: number | null;
  /** The last message's first characters. */
  preview: string | null;
}

/** A conversation as one of its members lists it. */
export interface ConversationSummary extends ConversationRecord {
  /** Messages of the other member stamped after this member's read mark. */
  unread: number;
  /** The other member's read mark (for «прочитано»). */
  otherReadUpTo: number;
}

/** A message as the index keeps it: who and when, never the text. */
export interface IndexedMessage {
  messageId: string;
  authorId: string;
  at: number;
  preview: string;
}

/** An attachment's bytes, served only to the conversation's members (MSG-8). */
export interface ConversationFile {
  id: string;
  conversationId: string;
  uploaderId: string;
  name: string;
  type: string;
  size: number;
  bytes: Uint8Array;
  at: number;
}

export interface MessageStore {
  /**
   * Stores a new conversation; when the same family account, staff member, student and year
   * already have one, resolves with that one instead (two requests at once make one conversation).
   */
  createConversation(c: ConversationRecord): Promise<ConversationRecord>;
  findConversation(id: string): Promise<ConversationRecord | null>;
  /** The conversations `userId` is in, newest message first, with unread counts. */
  conversationsOf(userId: string, yearId: string): Promise<ConversationSummary[]>;
  /** Indexes messages (idempotent per message id) and moves the conversation's last message. */
  recordMessages(conversationId: string, messages: readonly IndexedMessage[]): Promise<void>;
  /** Moves a member's read mark forward (never back). */
  recordRead(conversationId: string, userId: string, upTo: number): Promise<void>;
  putConversationFile(f: ConversationFile): Promise<void>;
  conversationFile(conversationId: string, fileId: string): Promise<ConversationFile | null>;
}
