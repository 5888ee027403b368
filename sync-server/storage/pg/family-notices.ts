import type pg from 'pg';
import type { ConsentEvent, ConsentKind } from '../../../model/index.ts';
import type { FamilyNoticesStore, NotificationKind, StoredNotification } from '../family-notices-port.ts';
import { inTransaction, type Queryable } from './pool.ts';

/**
 * Announcement reads (ANN-6), the consent register (CONS-3) and notifications with their digests
 * (NOTIF-1…NOTIF-5) on PostgreSQL, with the SQLite adapter's semantics: a read kept at its first
 * time, a register only appended to, a notification e-mailed at most once.
 */

interface NotificationDbRow {
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

const toNotification = (r: NotificationDbRow): StoredNotification => ({
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

const NOTIFICATION_COLUMNS = 'id, user_id, kind, student_id, title, text, href, at, seen_at';

const toConsent = (r: { user_id: string; kind: string; given: boolean; at: number }): ConsentEvent => ({
  userId: r.user_id,
  kind: r.kind as ConsentKind,
  given: r.given,
  at: r.at,
});

export function pgFamilyNotices(pool: pg.Pool): FamilyNoticesStore {
  const db: Queryable = pool;
  return {
    async recordAnnouncementRead(r) {
      const res = await db.query('INSERT INTO announcement_reads (post_id, user_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        r.postId,
        r.userId,
        r.at,
      ]);
      return (res.rowCount ?? 0) > 0;
    },
    async announcementReads(postId) {
      const { rows } = await db.query<{ post_id: string; user_id: string; at: number }>(
        'SELECT * FROM announcement_reads WHERE post_id = $1 ORDER BY at, user_id',
        [postId],
      );
      return rows.map((r) => ({ postId: r.post_id, userId: r.user_id, at: r.at }));
    },
    async appendConsent(e) {
      await db.query('INSERT INTO consent_register (user_id, kind, given, at) VALUES ($1, $2, $3, $4)', [e.userId, e.kind, e.given, e.at]);
    },
    async consentEvents(filter) {
      const { rows } =
        filter.userIds === undefined
          ? await db.query('SELECT user_id, kind, given, at FROM consent_register ORDER BY seq')
          : await db.query('SELECT user_id, kind, given, at FROM consent_register WHERE user_id = ANY($1::text[]) ORDER BY seq', [
              [...new Set(filter.userIds)],
            ]);
      return rows.map(toConsent);
    },
    async addNotifications(rows) {
      if (rows.length === 0) return;
      await db.query(
        `INSERT INTO notifications (id, user_id, kind, student_id, title, text, href, at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[])
         ON CONFLICT DO NOTHING`,
        [
          rows.map((n) => n.id),
          rows.map((n) => n.userId),
          rows.map((n) => n.kind),
          rows.map((n) => n.studentId),
          rows.map((n) => n.title),
          rows.map((n) => n.text),
          rows.map((n) => n.href),
          rows.map((n) => n.at),
        ],
      );
    },
    async notificationsOf(userId, limit) {
      const { rows } = await db.query<NotificationDbRow>(
        `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
        [userId, Math.max(0, Math.floor(limit))],
      );
      return rows.map(toNotification);
    },
    async unseenNotificationCount(userId) {
      const { rows } = await db.query<{ n: number }>(
        'SELECT COUNT(*)::int AS n FROM notifications WHERE user_id = $1 AND seen_at IS NULL',
        [userId],
      );
      return rows[0].n;
    },
    async markNotificationsSeen(userId, at) {
      await db.query('UPDATE notifications SET seen_at = $1 WHERE user_id = $2 AND seen_at IS NULL AND at <= $1', [at, userId]);
    },
    async digestCandidates() {
      const { rows } = await db.query<{ user_id: string; last_at: number | null }>(
        `SELECT DISTINCT n.user_id, d.last_at FROM notifications n LEFT JOIN notification_digests d ON d.user_id = n.user_id
         WHERE n.digested_at IS NULL`,
      );
      return rows.map((r) => ({ userId: r.user_id, lastDigestAt: r.last_at }));
    },
    async undigested(userId, since) {
      const { rows } = await db.query<NotificationDbRow>(
        `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE user_id = $1 AND digested_at IS NULL AND at >= $2 ORDER BY at, id`,
        [userId, since],
      );
      return rows.map(toNotification);
    },
    async discardUndigested(userId, at) {
      // A negative time says "not sent": the register of digests stays truthful.
      await db.query('UPDATE notifications SET digested_at = $1 WHERE user_id = $2 AND digested_at IS NULL AND at <= $3', [
        -at,
        userId,
        at,
      ]);
    },
    async recordDigest(userId, at, ids) {
      await inTransaction(pool, async (tx) => {
        await tx.query('UPDATE notifications SET digested_at = $1 WHERE id = ANY($2::text[]) AND user_id = $3', [at, [...ids], userId]);
        await tx.query(
          `INSERT INTO notification_digests (user_id, last_at) VALUES ($1, $2)
           ON CONFLICT (user_id) DO UPDATE SET last_at = EXCLUDED.last_at`,
          [userId, at],
        );
      });
    },
    async notificationSetting(key) {
      const { rows } = await db.query<{ value: string }>('SELECT value FROM notification_settings WHERE key = $1', [key]);
      return rows[0]?.value ?? null;
    },
    async putNotificationSetting(key, value) {
      await db.query(
        'INSERT INTO notification_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
        [key, value],
      );
    },
  };
}
