import type { AccessLogEntry, AccessLogStore } from '../access-log-port.ts';
import type { Queryable } from './pool.ts';

/**
 * The access log (LOG-1…LOG-7) on PostgreSQL. The identity column never gives an id twice and a
 * trigger refuses updates (migrations/002-identity.ts), as on SQLite.
 */

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

export function pgAccessLog(db: Queryable): AccessLogStore {
  return {
    async appendAccessLog(e) {
      await db.query('INSERT INTO access_log (at, kind, user_id, login, object, address, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        e.at,
        e.kind,
        e.userId,
        e.login,
        e.object,
        e.address,
        e.userAgent,
      ]);
    },
    async listAccessLog(q) {
      const where: string[] = [];
      const args: unknown[] = [];
      const param = (v: unknown) => {
        args.push(v);
        return `$${args.length}`;
      };
      if (q.user !== undefined) {
        const user = param(q.user);
        where.push(`(user_id = ${user} OR login = ${user})`);
      }
      if (q.kind !== undefined) where.push(`kind = ${param(q.kind)}`);
      if (q.from !== undefined) where.push(`at >= ${param(q.from)}`);
      if (q.to !== undefined) where.push(`at < ${param(q.to)}`);
      if (q.before !== undefined) where.push(`id < ${param(q.before)}`);
      const sql = `SELECT * FROM access_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${param(q.limit)}`;
      return (await db.query<Row>(sql, args)).rows.map(toEntry);
    },
    async deleteAccessLogBefore(before) {
      return (await db.query('DELETE FROM access_log WHERE at < $1', [before])).rowCount ?? 0;
    },
  };
}
