import type Database from 'better-sqlite3';
import type { NotificationKind, NotificationStore, StoredNotification } from './family-notices-port.ts';

/**
 * NOTIF-1…NOTIF-5: the in-app notifications of each account, what each e-mail digest carried,
 * and the school's digest setting. A notification is e-mailed at most once (`digested_at`).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS notifications (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  student_id TEXT,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  href TEXT NOT NULL,
  at INTEGER NOT NULL,
  seen_at INTEGER,
  digested_at INTEGER
);
CREATE INDEX IF NOT EXISTS notifications_user ON notifications(user_id, at);
CREATE TABLE IF NOT EXISTS notification_digests (
  user_id TEXT PRIMARY KEY,
  last_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS notification_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`;

interface Row {
  id: string;
  user_id: string;
  kind: string;
  student_id: string | null;
  title: string;
  text: string;
  href: string;
  at: number;
  seen_at: number | null;
}

const toNotification = (r: Row): StoredNotification => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind as NotificationKind,
  studentId: r.student_id,
  title: r.title,
  text: r.text,
  href: r.href,
  at: r.at,
  seenAt: r.seen_at,
});

export function migrateNotifications(db: Database.Database): void {
  db.exec(SCHEMA);
}

export function sqliteNotifications(db: Database.Database): NotificationStore {
  return {
    async addNotifications(rows) {
      const insert = db.prepare(
        'INSERT OR IGNORE INTO notifications (id, user_id, kind, student_id, title, text, href, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      db.transaction(() => {
        for (const n of rows) insert.run(n.id, n.userId, n.kind, n.studentId, n.title, n.text, n.href, n.at);
      })();
    },
    async notificationsOf(userId, limit) {
      return db
        .prepare<[string, number], Row>('SELECT * FROM notifications WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT ?')
        .all(userId, Math.max(0, Math.floor(limit)))
        .map(toNotification);
    },
    async unseenNotificationCount(userId) {
      return (
        db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND seen_at IS NULL').get(userId)
          ?.n ?? 0
      );
    },
    async markNotificationsSeen(userId, at) {
      db.prepare('UPDATE notifications SET seen_at = ? WHERE user_id = ? AND seen_at IS NULL AND at <= ?').run(at, userId, at);
    },
    async digestCandidates() {
      return db
        .prepare<[], { user_id: string; last_at: number | null }>(
          `SELECT DISTINCT n.user_id, d.last_at FROM notifications n LEFT JOIN notification_digests d ON d.user_id = n.user_id
           WHERE n.digested_at IS NULL`,
        )
        .all()
        .map((r) => ({ userId: r.user_id, lastDigestAt: r.last_at }));
    },
    async undigested(userId, since) {
      return db
        .prepare<[string, number], Row>('SELECT * FROM notifications WHERE user_id = ? AND digested_at IS NULL AND at >= ? ORDER BY at, id')
        .all(userId, since)
        .map(toNotification);
    },
    async discardUndigested(userId, at) {
      // A negative time says "not sent": the register of digests stays truthful.
      db.prepare('UPDATE notifications SET digested_at = ? WHERE user_id = ? AND digested_at IS NULL AND at <= ?').run(-at, userId, at);
    },
    async recordDigest(userId, at, ids) {
      const mark = db.prepare('UPDATE notifications SET digested_at = ? WHERE id = ? AND user_id = ?');
      db.transaction(() => {
        for (const id of ids) mark.run(at, id, userId);
        db.prepare(
          'INSERT INTO notification_digests (user_id, last_at) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET last_at = excluded.last_at',
        ).run(userId, at);
      })();
    },
    async notificationSetting(key) {
      return db.prepare<[string], { value: string }>('SELECT value FROM notification_settings WHERE key = ?').get(key)?.value ?? null;
    },
    async putNotificationSetting(key, value) {
      db.prepare('INSERT INTO notification_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
        key,
        value,
      );
    },
  };
}
