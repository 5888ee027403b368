import type Database from 'better-sqlite3';
import type { ConsentEvent, ConsentKind } from '../../model/index.ts';
import type { ConsentStore } from './family-notices-port.ts';

/**
 * CONS-3: the consent register (152-ФЗ) is append-only: a row per consent given or withdrawn,
 * never updated, never deleted, so the school can show what stood at any moment. The rowid keeps
 * the order of two changes within one millisecond.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS consent_register (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  given INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS consent_register_user ON consent_register(user_id, seq);
CREATE TRIGGER IF NOT EXISTS consent_register_no_update BEFORE UPDATE ON consent_register
  BEGIN SELECT RAISE(ABORT, 'the consent register is append-only'); END;
CREATE TRIGGER IF NOT EXISTS consent_register_no_delete BEFORE DELETE ON consent_register
  BEGIN SELECT RAISE(ABORT, 'the consent register is append-only'); END;
`;

interface Row {
  user_id: string;
  kind: string;
  given: number;
  at: number;
}

const toEvent = (r: Row): ConsentEvent => ({ userId: r.user_id, kind: r.kind as ConsentKind, given: r.given === 1, at: r.at });
const CHUNK = 500;

export function migrateConsent(db: Database.Database): void {
  db.exec(SCHEMA);
}

export function sqliteConsent(db: Database.Database): ConsentStore {
  return {
    async appendConsent(e) {
      db.prepare('INSERT INTO consent_register (user_id, kind, given, at) VALUES (?, ?, ?, ?)').run(
        e.userId,
        e.kind,
        e.given ? 1 : 0,
        e.at,
      );
    },
    async consentEvents(filter) {
      if (filter.userIds === undefined) return db.prepare<[], Row>('SELECT * FROM consent_register ORDER BY seq').all().map(toEvent);
      const ids = [...new Set(filter.userIds)];
      const out: Array<Row & { seq: number }> = [];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const part = ids.slice(i, i + CHUNK);
        const sql = `SELECT * FROM consent_register WHERE user_id IN (${part.map(() => '?').join(', ')})`;
        out.push(...db.prepare<string[], Row & { seq: number }>(sql).all(...part));
      }
      return out.sort((a, b) => a.seq - b.seq).map(toEvent);
    },
  };
}
