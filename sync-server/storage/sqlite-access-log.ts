import type Database from 'better-sqlite3';
import type { AccessLogEntry, AccessLogStore } from './access-log-port.ts';
import { batchedAppends } from './sqlite-batched.ts';

/**
 * The access log (LOG-1…LOG-7), part of the identity tables (sqlite-identity.ts creates it), so
 * every backup of the store holds it. AUTOINCREMENT: an id is never given twice, even after the
 * retention removed the newest-but-all rows, so a page cursor always means the same place. The
 * triggers make it append-only for anything that reaches the file, not just for this adapter.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS access_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  user_id TEXT,
  login TEXT NOT NULL,
  object TEXT NOT NULL,
  address TEXT NOT NULL,
  user_agent TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS access_log_at ON access_log(at);
CREATE INDEX IF NOT EXISTS access_log_user ON access_log(user_id, id);
CREATE INDEX IF NOT EXISTS access_log_login ON access_log(login, id);
CREATE INDEX IF NOT EXISTS access_log_kind ON access_log(kind, id);
CREATE TRIGGER IF NOT EXISTS access_log_append_only BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
`;

interface Row {
  id: number;
  at: number;
  kind: string;
  user_id: string | null;
  login: string;
  object: string;
  address: string;
  user_agent: string;
}

const toEntry = (r: Row): AccessLogEntry => ({
  id: r.id,
  at: r.at,
  kind: r.kind,
  userId: r.user_id,
  login: r.login,
  object: r.object,
  address: r.address,
  userAgent: r.user_agent,
});

export function migrateAccessLog(db: Database.Database): void {
  db.exec(SCHEMA);
}

export function sqliteAccessLog(db: Database.Database): AccessLogStore {
  const insert = db.prepare(
    `INSERT INTO access_log (at, kind, user_id, login, object, address, user_agent)
     VALUES (@at, @kind, @userId, @login, @object, @address, @userAgent)`,
  );
  const prune = db.prepare<[number]>('DELETE FROM access_log WHERE at < ?');

  const append = batchedAppends(db, (entry: Omit<AccessLogEntry, 'id'>) => insert.run(entry));

  return {
    appendAccessLog: append,
    async listAccessLog(q) {
      const where: string[] = [];
      const params: Record<string, string | number> = { limit: q.limit };
      if (q.user !== undefined) {
        where.push('(user_id = @user OR login = @user)');
        params.user = q.user;
      }
      if (q.kind !== undefined) {
        where.push('kind = @kind');
        params.kind = q.kind;
      }
      if (q.from !== undefined) {
        where.push('at >= @from');
        params.from = q.from;
      }
      if (q.to !== undefined) {
        where.push('at < @to');
        params.to = q.to;
      }
      if (q.before !== undefined) {
        where.push('id < @before');
        params.before = q.before;
      }
      const sql = `SELECT * FROM access_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
      return db.prepare<[Record<string, string | number>], Row>(sql).all(params).map(toEntry);
    },
    async deleteAccessLogBefore(before) {
      return prune.run(before).changes;
    },
  };
}
