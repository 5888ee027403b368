import type pg from 'pg';
import type { ConversationRecord, ConversationSummary, MessageStore } from '../messages-port.ts';
import { inTransaction, type Queryable } from './pool.ts';

/**
 * The conversation index (MSG-11) and attachments (MSG-8) on PostgreSQL. The unique key makes a
 * second start of the same conversation (in any process) find the first.
 */

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

const CONVERSATION_COLUMNS =
  'c.id, c.year_id, c.student_id, c.class_id, c.family_user_id, c.staff_user_id, c.family_label, c.staff_label, c.created_at, c.last_at, c.preview';

export function pgMessages(pool: pg.Pool): MessageStore {
  const db: Queryable = pool;
  return {
    async createConversation(c) {
      await db.query(
        `INSERT INTO conversations (id, year_id, student_id, class_id, family_user_id, staff_user_id, family_label, staff_label, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [c.id, c.yearId, c.studentId, c.classId, c.familyUserId, c.staffUserId, c.familyLabel, c.staffLabel, c.createdAt],
      );
      const { rows } = await db.query<ConversationRow>(
        `SELECT ${CONVERSATION_COLUMNS} FROM conversations c
         WHERE year_id = $1 AND student_id = $2 AND family_user_id = $3 AND staff_user_id = $4`,
        [c.yearId, c.studentId, c.familyUserId, c.staffUserId],
      );
      return toRecord(rows[0]);
    },
    async findConversation(id) {
      const { rows } = await db.query<ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE id = $1`, [id]);
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async conversationsOf(userId, yearId) {
      // One query: each conversation with its unread count and the other side's read position.
      const { rows } = await db.query<ConversationRow & { unread: number; other_up_to: number }>(
        `SELECT ${CONVERSATION_COLUMNS},
           (SELECT COUNT(*)::int FROM conversation_messages m
             WHERE m.conversation_id = c.id AND m.author_id <> $1
               AND m.at > COALESCE((SELECT up_to FROM conversation_reads r WHERE r.conversation_id = c.id AND r.user_id = $1), 0)) AS unread,
           COALESCE((SELECT up_to FROM conversation_reads r WHERE r.conversation_id = c.id
             AND r.user_id = CASE WHEN c.family_user_id = $1 THEN c.staff_user_id ELSE c.family_user_id END), 0) AS other_up_to
         FROM conversations c WHERE c.year_id = $2 AND (c.family_user_id = $1 OR c.staff_user_id = $1)
         ORDER BY COALESCE(c.last_at, c.created_at) DESC`,
        [userId, yearId],
      );
      return rows.map((r): ConversationSummary => ({ ...toRecord(r), unread: r.unread, otherReadUpTo: r.other_up_to }));
    },
    async recordMessages(conversationId, messages) {
      await inTransaction(pool, async (tx) => {
        for (const m of messages) {
          await tx.query(
            'INSERT INTO conversation_messages (conversation_id, message_id, author_id, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
            [conversationId, m.messageId, m.authorId, m.at],
          );
          await tx.query('UPDATE conversations SET last_at = $1, preview = $2 WHERE id = $3 AND (last_at IS NULL OR last_at <= $1)', [
            m.at,
            m.preview.slice(0, 120),
            conversationId,
          ]);
        }
      });
    },
    async recordRead(conversationId, userId, upTo) {
      await db.query(
        `INSERT INTO conversation_reads (conversation_id, user_id, up_to) VALUES ($1, $2, $3)
         ON CONFLICT (conversation_id, user_id) DO UPDATE SET up_to = GREATEST(conversation_reads.up_to, EXCLUDED.up_to)`,
        [conversationId, userId, upTo],
      );
    },
    async putConversationFile(f) {
      await db.query(
        'INSERT INTO conversation_files (id, conversation_id, uploader_id, name, type, size, bytes, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [f.id, f.conversationId, f.uploaderId, f.name, f.type, f.size, Buffer.from(f.bytes), f.at],
      );
    },
    async conversationFile(conversationId, fileId) {
      const { rows } = await db.query<{
        id: string;
        uploader_id: string;
        name: string;
        type: string;
        size: number;
        bytes: Buffer;
        at: number;
      }>('SELECT id, uploader_id, name, type, size, bytes, at FROM conversation_files WHERE conversation_id = $1 AND id = $2', [
        conversationId,
        fileId,
      ]);
      const r = rows[0];
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
