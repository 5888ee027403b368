import type Database from 'better-sqlite3';
import type { ConversationFile, ConversationRecord, ConversationSummary, MessageStore } from './messages-port.ts';

/**
 * The conversation index (MSG-11) and the attachments (MSG-8). One conversation per family account,
 * staff member, student and year: the unique key makes a second start of the same conversation
 * find the first.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS conversations (
  id TEXT PRIMARY KEY,
  year_id TEXT NOT NULL,
  student_id TEXT NOT NULL,
  class_id TEXT NOT NULL,
  family_user_id TEXT NOT NULL,
  staff_user_id TEXT NOT NULL,
  family_label TEXT NOT NULL,
  staff_label TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_at INTEGER,
  preview TEXT,
  UNIQUE (year_id, student_id, family_user_id, staff_user_id)
);
CREATE INDEX IF NOT EXISTS conversations_family ON conversations(family_user_id, year_id);
CREATE INDEX IF NOT EXISTS conversations_staff ON conversations(staff_user_id, year_id);
CREATE TABLE IF NOT EXISTS conversation_messages (
  conversation_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  author_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, message_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS conversation_reads (
  conversation_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  up_to INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS conversation_files (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  uploader_id TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  size INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  at INTEGER NOT NULL
);
`;

interface ConversationRow {
  id: string;
  year_id: string;
  student_id: string;
  class_id: string;
  family_user_id: string;
  staff_user_id: string;
  family_label: string;
  staff_label: string;
  created_at: number;
  last_at: number | null;
  preview: string | null;
}

const toRecord = (r: ConversationRow): ConversationRecord => ({
  id: r.id,
  yearId: r.year_id,
  studentId: r.student_id,
  classId: r.class_id,
  familyUserId: r.family_user_id,
  staffUserId: r.staff_user_id,
  familyLabel: r.family_label,
  staffLabel: r.staff_label,
  createdAt: r.created_at,
  lastAt: r.last_at,
  preview: r.preview,
});

export function migrateMessages(db: Database.Database): void {
  db.exec(SCHEMA);
}

/** Statements are prepared on first use: a read-only store from before these tables opens without them. */
export function sqliteMessages(db: Database.Database): MessageStore {
  const find = (id: string) => db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?').get(id);
  return {
    async createConversation(c) {
      db.prepare(
        `INSERT OR IGNORE INTO conversations (id, year_id, student_id, class_id, family_user_id, staff_user_id, family_label,
           staff_label, created_at, last_at, preview) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)`,
      ).run(c.id, c.yearId, c.studentId, c.classId, c.familyUserId, c.staffUserId, c.familyLabel, c.staffLabel, c.createdAt);
      const row = db
        .prepare<[string, string, string, string], ConversationRow>(
          'SELECT * FROM conversations WHERE year_id = ? AND student_id = ? AND family_user_id = ? AND staff_user_id = ?',
        )
        .get(c.yearId, c.studentId, c.familyUserId, c.staffUserId);
      return toRecord(row!);
    },
    async findConversation(id) {
      const row = find(id);
      return row ? toRecord(row) : null;
    },
    async conversationsOf(userId, yearId) {
      const rows = db
        .prepare<[string, string, string], ConversationRow>(
          `SELECT * FROM conversations WHERE year_id = ? AND (family_user_id = ? OR staff_user_id = ?)
           ORDER BY COALESCE(last_at, created_at) DESC`,
        )
        .all(yearId, userId, userId);
      const readOf = db.prepare<[string, string], { up_to: number }>(
        'SELECT up_to FROM conversation_reads WHERE conversation_id = ? AND user_id = ?',
      );
      const unreadOf = db.prepare<[string, string, number], { n: number }>(
        'SELECT COUNT(*) AS n FROM conversation_messages WHERE conversation_id = ? AND author_id != ? AND at > ?',
      );
      return rows.map((r): ConversationSummary => {
        const other = r.family_user_id === userId ? r.staff_user_id : r.family_user_id;
        const own = readOf.get(r.id, userId)?.up_to ?? 0;
        return { ...toRecord(r), unread: unreadOf.get(r.id, userId, own)?.n ?? 0, otherReadUpTo: readOf.get(r.id, other)?.up_to ?? 0 };
      });
    },
    async recordMessages(conversationId, messages) {
      const insert = db.prepare(
        'INSERT OR IGNORE INTO conversation_messages (conversation_id, message_id, author_id, at) VALUES (?, ?, ?, ?)',
      );
      const last = db.prepare('UPDATE conversations SET last_at = ?, preview = ? WHERE id = ? AND (last_at IS NULL OR last_at <= ?)');
      db.transaction(() => {
        for (const m of messages) {
          insert.run(conversationId, m.messageId, m.authorId, m.at);
          last.run(m.at, m.preview.slice(0, 120), conversationId, m.at);
        }
      })();
    },
    async recordRead(conversationId, userId, upTo) {
      db.prepare(
        `INSERT INTO conversation_reads (conversation_id, user_id, up_to) VALUES (?, ?, ?)
         ON CONFLICT (conversation_id, user_id) DO UPDATE SET up_to = MAX(up_to, excluded.up_to)`,
      ).run(conversationId, userId, upTo);
    },
    async putConversationFile(f) {
      db.prepare(
        'INSERT INTO conversation_files (id, conversation_id, uploader_id, name, type, size, bytes, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(f.id, f.conversationId, f.uploaderId, f.name, f.type, f.size, Buffer.from(f.bytes), f.at);
    },
    async conversationFile(conversationId, fileId) {
      const r = db
        .prepare<
          [string, string],
          Omit<ConversationFile, 'conversationId' | 'uploaderId' | 'bytes'> & { uploader_id: string; bytes: Buffer }
        >('SELECT id, uploader_id, name, type, size, bytes, at FROM conversation_files WHERE conversation_id = ? AND id = ?')
        .get(conversationId, fileId);
      return r
        ? {
            id: r.id,
            conversationId,
            uploaderId: r.uploader_id,
            name: r.name,
            type: r.type,
            size: r.size,
            bytes: new Uint8Array(r.bytes),
            at: r.at,
          }
        : null;
    },
  };
}
