import type Database from 'better-sqlite3';
import {
  REFUSED_DETAIL_MAX_CHARS,
  REFUSED_PATH_MAX_CHARS,
  REFUSED_PREVIEW_CHARS,
  REFUSED_VALUE_MAX_BYTES,
  refusedSummaryText,
} from '../limits.ts';
import type { RefusedChange, RefusedStore } from './port.ts';
import { boundRow, overQuota, quotaDay } from './refused-quota.ts';
import { toRefused, type RefusedDbRow } from './refused-rows.ts';
import { ABSENT, encodeStored, WRAPPER } from './stored-json.ts';

/**
 * Refused changes kept for the deputy (PROTO-11), within each author's quota of the day
 * (STORE-18) and read back in bounded pages (STORE-19).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS refused (
  id TEXT PRIMARY KEY,
  doc_name TEXT NOT NULL,
  path TEXT NOT NULL,
  value TEXT NOT NULL,
  old_value TEXT NOT NULL,
  user_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  client_time INTEGER,
  server_time INTEGER NOT NULL,
  state TEXT NOT NULL,
  resolved_by TEXT,
  resolved_at INTEGER,
  resolution TEXT
);
CREATE INDEX IF NOT EXISTS refused_doc ON refused(doc_name, state);
`;

export function migrateRefused(db: Database.Database): void {
  db.exec(SCHEMA);
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(refused)').all();
  if (!columns.some((c) => c.name === 'stored')) {
    db.exec("ALTER TABLE refused ADD COLUMN stored TEXT NOT NULL DEFAULT 'full'; ALTER TABLE refused ADD COLUMN omitted TEXT;");
  }
  db.exec('CREATE INDEX IF NOT EXISTS refused_user_time ON refused(user_id, server_time)');
}

/** An author's summary row of a day: its id and its count so far (JSON). */
type Summary = { id: string; omitted: string };

/** A stored column read whole when within the bound, else only its start (never the whole into memory). */
const bounded = (column: string) =>
  `CASE WHEN length(CAST(${column} AS BLOB)) > ${REFUSED_VALUE_MAX_BYTES} THEN NULL ELSE ${column} END AS ${column},
   CASE WHEN length(CAST(${column} AS BLOB)) > ${REFUSED_VALUE_MAX_BYTES} THEN substr(${column}, 1, ${REFUSED_PREVIEW_CHARS + WRAPPER.length}) END AS ${column}_head,
   length(CAST(${column} AS BLOB)) AS ${column}_bytes`;
const LISTED = `id, doc_name, substr(path, 1, ${REFUSED_PATH_MAX_CHARS}) AS path, user_id, session_id, reason,
  substr(detail, 1, ${REFUSED_DETAIL_MAX_CHARS}) AS detail, client_time, server_time, state, resolved_by, resolved_at, resolution,
  stored, omitted, ${bounded('value')}, ${bounded('old_value')}`;

/**
 * Writes refused changes within each author's quota of the day (STORE-18), inside the caller's
 * transaction: the room's commit (sqlite-append.ts) keeps them with the updates that refused them.
 */
export function refusedWriter(db: Database.Database): (rows: readonly RefusedChange[]) => void {
  const insert = db.prepare(
    `INSERT INTO refused (id, doc_name, path, value, old_value, user_id, session_id, reason, detail, client_time, server_time, state,
       resolved_by, resolved_at, resolution, stored, omitted)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const usage = db.prepare<[string, number, number], { rows: number; bytes: number }>(
    `SELECT COUNT(*) AS rows, COALESCE(SUM(length(CAST(value AS BLOB)) + length(CAST(old_value AS BLOB))), 0) AS bytes
     FROM refused WHERE user_id = ? AND server_time >= ? AND server_time < ? AND stored != 'summary'`,
  );
  const summaryOf = db.prepare<[string, number, number], Summary>(
    "SELECT id, omitted FROM refused WHERE user_id = ? AND server_time >= ? AND server_time < ? AND stored = 'summary' LIMIT 1",
  );
  const updateSummary = db.prepare('UPDATE refused SET omitted = ?, detail = ? WHERE id = ?');

  const put = (r: RefusedChange, value: string, oldValue: string, stored: string, omitted: string | null, detail = r.detail) =>
    insert.run(
      r.id,
      r.docName,
      r.path,
      value,
      oldValue,
      r.userId,
      r.sessionId,
      r.reason,
      detail,
      r.clientTime,
      r.serverTime,
      r.state,
      r.resolvedBy,
      r.resolvedAt,
      r.resolution,
      stored,
      omitted,
    );

  /** Beyond the quota: counted into the author's summary row of the day, made from the first such change. */
  const summarize = (r: RefusedChange, day: { from: number; to: number }, sentBytes: number, summary: Summary | undefined): Summary => {
    const existing = summary ?? summaryOf.get(r.userId, day.from, day.to);
    const before = existing ? (JSON.parse(existing.omitted) as { count: number; bytes: number }) : { count: 0, bytes: 0 };
    const omitted = JSON.stringify({ count: before.count + 1, bytes: before.bytes + sentBytes });
    const detail = refusedSummaryText(before.count + 1, before.bytes + sentBytes);
    if (existing) updateSummary.run(omitted, detail, existing.id);
    else put(r, ABSENT, ABSENT, 'summary', omitted, detail);
    return { id: existing?.id ?? r.id, omitted };
  };

  return (rows) => {
    // Each author's usage of the day is read once per call and counted on in memory.
    const used = new Map<string, { rows: number; bytes: number }>();
    const summaries = new Map<string, Summary>();
    for (const original of rows) {
      const { row, sentBytes } = boundRow(original);
      const value = encodeStored(row.value);
      const oldValue = encodeStored(row.oldValue);
      const day = quotaDay(row.serverTime);
      const key = `${day.from}|${row.userId}`;
      if (!used.has(key)) used.set(key, { ...usage.get(row.userId, day.from, day.to)! });
      const sofar = used.get(key)!;
      const bytes = Buffer.byteLength(value) + Buffer.byteLength(oldValue);
      if (overQuota(sofar, bytes)) {
        summaries.set(key, summarize(row, day, sentBytes, summaries.get(key)));
        continue;
      }
      put(row, value, oldValue, row.stored!, null);
      sofar.rows++;
      sofar.bytes += bytes;
    }
  };
}

export function sqliteRefused(db: Database.Database): RefusedStore {
  const write = refusedWriter(db);
  return {
    async appendRefused(rows) {
      db.transaction(() => write(rows)).immediate();
    },
    async listRefused(filter) {
      const conditions: Array<[string, unknown]> = [];
      if (filter.docName !== undefined) conditions.push(['doc_name = ?', filter.docName]);
      if (filter.state !== undefined) conditions.push(['state = ?', filter.state]);
      if (filter.userId !== undefined) conditions.push(['user_id = ?', filter.userId]);
      if (filter.after !== undefined)
        conditions.push(['(server_time, rowid) < (SELECT server_time, rowid FROM refused WHERE id = ?)', filter.after]);
      const where = conditions.map(([c]) => c);
      const args = conditions.map(([, a]) => a);
      const limit = filter.limit === undefined ? '' : `LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
      const sql = `SELECT ${LISTED} FROM refused ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY server_time DESC, rowid DESC ${limit}`;
      return db
        .prepare<unknown[], RefusedDbRow>(sql)
        .all(...args)
        .map(toRefused);
    },
    async findRefused(id) {
      const r = db.prepare<[string], RefusedDbRow>('SELECT * FROM refused WHERE id = ?').get(id);
      return r ? toRefused(r) : null;
    },
    async resolveRefused(id, state, by, resolution, at) {
      const res = db
        .prepare("UPDATE refused SET state = ?, resolved_by = ?, resolution = ?, resolved_at = ? WHERE id = ? AND state = 'open'")
        .run(state, by, resolution, at, id);
      return res.changes === 1;
    },
  };
}
