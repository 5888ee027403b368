import type Database from 'better-sqlite3';
import type { AnnouncementReadStore } from './family-notices-port.ts';

/**
 * ANN-6: who has read each announcement. The primary key makes a read idempotent: opened twice
 * (two tabs, a retry), the first time stays.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS announcement_reads (
  post_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (post_id, user_id)
) WITHOUT ROWID;
`;

export function migrateAnnouncements(db: Database.Database): void {
  db.exec(SCHEMA);
}

/** Statements are prepared on first use: a read-only store from before this table opens without it. */
export function sqliteAnnouncements(db: Database.Database): AnnouncementReadStore {
  return {
    async recordAnnouncementRead(r) {
      const res = db
        .prepare('INSERT OR IGNORE INTO announcement_reads (post_id, user_id, at) VALUES (?, ?, ?)')
        .run(r.postId, r.userId, r.at);
      return res.changes > 0;
    },
    async announcementReads(postId) {
      return db
        .prepare<[string], { post_id: string; user_id: string; at: number }>(
          'SELECT * FROM announcement_reads WHERE post_id = ? ORDER BY at',
        )
        .all(postId)
        .map((r) => ({ postId: r.post_id, userId: r.user_id, at: r.at }));
    },
  };
}
