import type Database from 'better-sqlite3';
import type { DiaryAck, DiaryAckKind, DiaryAckStore, DiaryNoticeRow } from './diary-acks-port.ts';

/**
 * What families read and confirmed (DIARY-20), and the notices sent to them (DIARY-27). The
 * primary keys make both idempotent: a read recorded twice (a retry after a lost answer, two
 * tabs) keeps its first time, which is what «ознакомлен» means.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS diary_acks (
  student_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  item TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (student_id, user_id, kind, item)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS diary_notices (
  student_id TEXT NOT NULL,
  id TEXT NOT NULL,
  text TEXT NOT NULL,
  from_name TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (student_id, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS diary_notices_at ON diary_notices(student_id, at);
`;

interface AckRow {
  student_id: string;
  user_id: string;
  kind: string;
  item: string;
  at: number;
}

interface NoticeRow {
  student_id: string;
  id: string;
  text: string;
  from_name: string;
  at: number;
}

const toAck = (r: AckRow): DiaryAck => ({
  userId: r.user_id,
  studentId: r.student_id,
  kind: r.kind as DiaryAckKind,
  item: r.item,
  at: r.at,
});
const toNotice = (r: NoticeRow): DiaryNoticeRow => ({ id: r.id, studentId: r.student_id, text: r.text, from: r.from_name, at: r.at });

/** SQLite caps bound parameters per statement; a school's class is far below this, a whole school may not be. */
const CHUNK = 500;

export function migrateDiaryAcks(db: Database.Database): void {
  db.exec(SCHEMA);
}

/** Statements are prepared on first use: a read-only store from before these tables opens without them. */
export function sqliteDiaryAcks(db: Database.Database): DiaryAckStore {
  return {
    async recordDiaryAck(a) {
      db.prepare('INSERT OR IGNORE INTO diary_acks (student_id, user_id, kind, item, at) VALUES (?, ?, ?, ?, ?)').run(
        a.studentId,
        a.userId,
        a.kind,
        a.item,
        a.at,
      );
    },
    async diaryAcks(filter) {
      const out: DiaryAck[] = [];
      const ids = [...new Set(filter.studentIds)];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const part = ids.slice(i, i + CHUNK);
        const sql = `SELECT * FROM diary_acks WHERE student_id IN (${part.map(() => '?').join(', ')})`;
        out.push(
          ...db
            .prepare<string[], AckRow>(sql)
            .all(...part)
            .map(toAck),
        );
      }
      return out.sort((a, b) => a.at - b.at);
    },
    async addDiaryNotice(n) {
      db.prepare('INSERT OR IGNORE INTO diary_notices (student_id, id, text, from_name, at) VALUES (?, ?, ?, ?, ?)').run(
        n.studentId,
        n.id,
        n.text,
        n.from,
        n.at,
      );
    },
    async diaryNotices(studentId, limit = 20) {
      return db
        .prepare<[string, number], NoticeRow>('SELECT * FROM diary_notices WHERE student_id = ? ORDER BY at DESC, id DESC LIMIT ?')
        .all(studentId, Math.max(0, Math.floor(limit)))
        .map(toNotice);
    },
  };
}
