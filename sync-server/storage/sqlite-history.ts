import type Database from 'better-sqlite3';
import type { ChangeRow, HistoryQuery, StoredChange } from './port.ts';
import { ABSENT, decodeStored as decode, encodeStored as encode } from './stored-json.ts';

/**
 * The attributed history (HIST-*): one row per changed path of every accepted update, written
 * in the same transaction as the update itself, queryable by cell, author and time.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS changes (
  doc_name TEXT NOT NULL,
  seq INTEGER NOT NULL,
  path TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  user_id TEXT NOT NULL,
  as_substitute INTEGER NOT NULL,
  client_time INTEGER,
  server_time INTEGER NOT NULL,
  clock_offset INTEGER,
  note TEXT
);
CREATE INDEX IF NOT EXISTS changes_path ON changes(doc_name, path);
CREATE INDEX IF NOT EXISTS changes_time ON changes(doc_name, server_time);
`;

interface ChangeDbRow {
  doc_name: string;
  seq: number;
  path: string;
  old_value: string;
  new_value: string;
  user_id: string;
  as_substitute: number;
  client_time: number | null;
  server_time: number;
  clock_offset: number | null;
  note: string | null;
}

// JSON has no undefined: an absent value is stored as {"absent":true} and read back as undefined.

export function migrateHistory(db: Database.Database): void {
  db.exec(SCHEMA);
}

/** Writes the change rows of one update; called inside the update's own transaction. */
export function insertChanges(db: Database.Database): (docName: string, seq: number, rows: readonly ChangeRow[]) => void {
  // Prepared on first use: a read-only adapter (the export command) never writes.
  let insert: Database.Statement | null = null;
  return (docName, seq, rows) => {
    insert ??= db.prepare(
      `INSERT INTO changes (doc_name, seq, path, old_value, new_value, user_id, as_substitute, client_time, server_time, clock_offset, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of rows) {
      insert.run(
        docName,
        seq,
        r.path,
        encode(r.oldValue),
        encode(r.newValue),
        r.userId,
        r.asSubstitute ? 1 : 0,
        r.clientTime,
        r.serverTime,
        r.clockOffsetMs,
        r.note,
      );
    }
  };
}

export function sqliteHistory(db: Database.Database) {
  return {
    async readChanges(q: HistoryQuery): Promise<StoredChange[]> {
      const where = ['doc_name = ?'];
      const args: unknown[] = [q.docName];
      const add = (condition: string, ...values: unknown[]) => {
        where.push(condition);
        args.push(...values);
      };
      if (q.path !== undefined) add('path = ?', q.path);
      // Keys that start with the prefix: a range scan on the index, no LIKE escaping.
      if (q.pathPrefix !== undefined) add('path >= ? AND path < ?', q.pathPrefix, `${q.pathPrefix}\uffff`);
      if (q.userId !== undefined) add('user_id = ?', q.userId);
      if (q.from !== undefined) add('server_time >= ?', q.from);
      if (q.to !== undefined) add('server_time < ?', q.to);
      if (q.correctionsOnly) add('old_value <> ? AND old_value <> ?', ABSENT, encode(null));
      const rows = db
        .prepare<unknown[], ChangeDbRow>(`SELECT * FROM changes WHERE ${where.join(' AND ')} ORDER BY seq, rowid LIMIT ?`)
        .all(...args, q.limit ?? 10_000);
      return rows.map((r) => ({
        docName: r.doc_name,
        seq: r.seq,
        path: r.path,
        oldValue: decode(r.old_value),
        newValue: decode(r.new_value),
        userId: r.user_id,
        asSubstitute: r.as_substitute === 1,
        clientTime: r.client_time,
        serverTime: r.server_time,
        clockOffsetMs: r.clock_offset,
        note: r.note,
      }));
    },
  };
}
