import Database from 'better-sqlite3';
import type { FamilyNoticesStore } from './family-notices-port.ts';
import { migrateAnnouncements, sqliteAnnouncements } from './sqlite-announcements.ts';
import { migrateConsent, sqliteConsent } from './sqlite-consent.ts';
import { migrateNotifications, sqliteNotifications } from './sqlite-notifications.ts';

/**
 * The family notices' tables in a SQLite file of their own, for a store whose adapter does not
 * keep them (until the PostgreSQL adapter does). The SQLite store keeps them in `journal.sqlite`.
 */
export function openSqliteFamilyNotices(file: string): { store: FamilyNoticesStore; close(): void } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  migrateAnnouncements(db);
  migrateConsent(db);
  migrateNotifications(db);
  return { store: { ...sqliteAnnouncements(db), ...sqliteConsent(db), ...sqliteNotifications(db) }, close: () => db.close() };
}
