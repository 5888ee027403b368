import type pg from 'pg';
import {
  REFUSED_DETAIL_MAX_CHARS,
  REFUSED_PATH_MAX_CHARS,
  REFUSED_PREVIEW_CHARS,
  REFUSED_VALUE_MAX_BYTES,
  refusedSummaryText,
} from '../../limits.ts';
import type { RefusedChange, RefusedStore } from '../port.ts';
import { boundRow, overQuota, quotaDay } from '../refused-quota.ts';
import { toRefused, type RefusedDbRow } from '../refused-rows.ts';
import { WRAPPER } from '../stored-json.ts';
import { encodeValue } from './history.ts';
import { inTransaction, pgText, type Queryable } from './pool.ts';

/**
 * Refused changes kept for the deputy (PROTO-11) on PostgreSQL, within each author's quota of the
 * day (STORE-18, decided by refused-quota.ts as on SQLite) and read in bounded pages (STORE-19).
 * `pos`, an identity column, orders rows of one server time as SQLite's rowid does.
 */

/** A stored column read whole when within the bound, else only its start (never the whole into memory). */
const bounded = (column: string) =>
  `CASE WHEN octet_length(${column}) > ${REFUSED_VALUE_MAX_BYTES} THEN NULL ELSE ${column} END AS ${column},
   CASE WHEN octet_length(${column}) > ${REFUSED_VALUE_MAX_BYTES} THEN substr(${column}, 1, ${REFUSED_PREVIEW_CHARS + WRAPPER.length}) END AS ${column}_head,
   octet_length(${column}) AS ${column}_bytes`;
const LISTED = `id, doc_name, substr(path, 1, ${REFUSED_PATH_MAX_CHARS}) AS path, user_id, session_id, reason,
  substr(detail, 1, ${REFUSED_DETAIL_MAX_CHARS}) AS detail, client_time, server_time, state, resolved_by, resolved_at, resolution,
  stored, omitted, ${bounded('value')}, ${bounded('old_value')}`;

const INSERT = `INSERT INTO refused (id, doc_name, path, value, old_value, user_id, session_id, reason, detail, client_time, server_time,
  state, resolved_by, resolved_at, resolution, stored, omitted)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`;

const put = (db: Queryable, r: RefusedChange, value: string, oldValue: string, stored: string, omitted: string | null, detail = r.detail) =>
  db.query(INSERT, [
    r.id,
    pgText(r.docName),
    pgText(r.path),
    value,
    oldValue,
    r.userId,
    r.sessionId,
    r.reason,
    pgText(detail),
    r.clientTime,
    r.serverTime,
    r.state,
    r.resolvedBy,
    r.resolvedAt,
    r.resolution,
    stored,
    omitted,
  ]);

type Day = { from: number; to: number };
type Summary = { id: string; omitted: string };

/** Beyond the quota: counted into the author's summary row of the day, made from the first such change. */
async function summarize(tx: Queryable, r: RefusedChange, day: Day, sentBytes: number, known: Summary | undefined): Promise<Summary> {
  const existing =
    known ??
    (
      await tx.query<Summary>(
        "SELECT id, omitted FROM refused WHERE user_id = $1 AND server_time >= $2 AND server_time < $3 AND stored = 'summary' LIMIT 1",
        [r.userId, day.from, day.to],
      )
    ).rows[0];
  const before = existing ? (JSON.parse(existing.omitted) as { count: number; bytes: number }) : { count: 0, bytes: 0 };
  const omitted = JSON.stringify({ count: before.count + 1, bytes: before.bytes + sentBytes });
  const detail = refusedSummaryText(before.count + 1, before.bytes + sentBytes);
  if (existing) await tx.query('UPDATE refused SET omitted = $1, detail = $2 WHERE id = $3', [omitted, detail, existing.id]);
  else await put(tx, r, encodeValue(undefined), encodeValue(undefined), 'summary', omitted, detail);
  return { id: existing?.id ?? r.id, omitted };
}

/**
 * Each author's day is counted under a lock of its own, held to the end of the caller's
 * transaction: two processes never both take the last place in a quota. Authors in one order
 * everywhere, so two transactions never wait for each other in a circle.
 */
export async function lockRefusedAuthors(tx: Queryable, rows: readonly RefusedChange[]): Promise<void> {
  for (const userId of [...new Set(rows.map((r) => r.userId))].sort()) {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`refused-quota:${userId}`]);
  }
}

/**
 * Writes refused changes within each author's quota of the day (STORE-18), inside the caller's
 * transaction after `lockRefusedAuthors`: the room's commit (append.ts) keeps them with the
 * updates that refused them (STORE-21).
 */
export async function writeRefused(tx: Queryable, rows: readonly RefusedChange[]): Promise<void> {
  // Each author's usage of the day is read once per call and counted on in memory.
  const used = new Map<string, { rows: number; bytes: number }>();
  const summaries = new Map<string, Summary>();
  for (const original of rows) {
    const { row, sentBytes } = boundRow(original);
    const value = encodeValue(row.value);
    const oldValue = encodeValue(row.oldValue);
    const day = quotaDay(row.serverTime);
    const key = `${day.from}|${row.userId}`;
    let sofar = used.get(key);
    if (!sofar) {
      const { rows: usage } = await tx.query<{ rows: number; bytes: number }>(
        `SELECT COUNT(*)::int AS rows, COALESCE(SUM(octet_length(value) + octet_length(old_value)), 0)::bigint AS bytes
         FROM refused WHERE user_id = $1 AND server_time >= $2 AND server_time < $3 AND stored <> 'summary'`,
        [row.userId, day.from, day.to],
      );
      sofar = { ...usage[0] };
      used.set(key, sofar);
    }
    const bytes = Buffer.byteLength(value) + Buffer.byteLength(oldValue);
    if (overQuota(sofar, bytes)) {
      summaries.set(key, await summarize(tx, row, day, sentBytes, summaries.get(key)));
      continue;
    }
    await put(tx, row, value, oldValue, row.stored!, null);
    sofar.rows++;
    sofar.bytes += bytes;
  }
}

export function pgRefused(pool: pg.Pool): RefusedStore {
  const db: Queryable = pool;
  return {
    async appendRefused(rows) {
      if (rows.length === 0) return;
      await inTransaction(pool, async (tx) => {
        await lockRefusedAuthors(tx, rows);
        await writeRefused(tx, rows);
      });
    },
    async listRefused(filter) {
      const where: string[] = [];
      const args: unknown[] = [];
      const param = (v: unknown) => {
        args.push(v);
        return `$${args.length}`;
      };
      if (filter.docName !== undefined) where.push(`doc_name = ${param(filter.docName)}`);
      if (filter.state !== undefined) where.push(`state = ${param(filter.state)}`);
      if (filter.userId !== undefined) where.push(`user_id = ${param(filter.userId)}`);
      if (filter.after !== undefined)
        where.push(`(server_time, pos) < (SELECT server_time, pos FROM refused WHERE id = ${param(filter.after)})`);
      const limit = filter.limit === undefined ? '' : `LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
      const sql = `SELECT ${LISTED} FROM refused ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY server_time DESC, pos DESC ${limit}`;
      return (await db.query<RefusedDbRow>(sql, args)).rows.map(toRefused);
    },
    async findRefused(id) {
      const r = (await db.query<RefusedDbRow>('SELECT * FROM refused WHERE id = $1', [id])).rows[0];
      return r ? toRefused(r) : null;
    },
    async resolveRefused(id, state, by, resolution, at) {
      const { rowCount } = await db.query(
        "UPDATE refused SET state = $1, resolved_by = $2, resolution = $3, resolved_at = $4 WHERE id = $5 AND state = 'open'",
        [state, by, resolution, at, id],
      );
      return rowCount === 1;
    },
  };
}
