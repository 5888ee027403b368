import type { HistoryQuery, HistoryStore, StoredChange } from '../port.ts';
import { pgText, type Queryable } from './pool.ts';

/**
 * The attributed history (HIST-*) on PostgreSQL. Change rows are written by the group commit
 * (append.ts), in the update's own transaction; here they are read back by cell, author and time.
 */

// JSON has no undefined: an absent value is stored as {"absent":true} and read back as undefined
// (the same encoding as on SQLite, so a store can move between adapters row for row).
import { ABSENT, decodeStored as decodeValue, encodeStored as encodeValue } from '../stored-json.ts';

export { decodeValue, encodeValue };

interface ChangeDbRow {
  doc_name: string;
  seq: number;
  path: string;
  old_value: string;
  new_value: string;
  user_id: string;
  as_substitute: boolean;
  client_time: number | null;
  server_time: number;
  clock_offset: number | null;
  note: string | null;
}

export function pgHistory(db: Queryable): HistoryStore {
  return {
    async readChanges(q: HistoryQuery): Promise<StoredChange[]> {
      const where: string[] = [];
      const args: unknown[] = [];
      const param = (v: unknown) => {
        args.push(v);
        return `$${args.length}`;
      };
      where.push(`doc_name = ${param(q.docName)}`);
      if (q.path !== undefined) where.push(`path = ${param(pgText(q.path))}`);
      // Keys that start with the prefix: a range scan on the index (C collation), no LIKE escaping.
      if (q.pathPrefix !== undefined)
        where.push(`path >= ${param(pgText(q.pathPrefix))} AND path < ${param(`${pgText(q.pathPrefix)}\uffff`)}`);
      if (q.userId !== undefined) where.push(`user_id = ${param(q.userId)}`);
      if (q.from !== undefined) where.push(`server_time >= ${param(q.from)}`);
      if (q.to !== undefined) where.push(`server_time < ${param(q.to)}`);
      if (q.correctionsOnly) where.push(`old_value <> ${param(ABSENT)} AND old_value <> ${param(encodeValue(null))}`);
      const limit = param(q.limit ?? 10_000);
      const { rows } = await db.query<ChangeDbRow>(
        `SELECT doc_name, seq, path, old_value, new_value, user_id, as_substitute, client_time, server_time, clock_offset, note
         FROM changes WHERE ${where.join(' AND ')} ORDER BY seq, id LIMIT ${limit}`,
        args,
      );
      return rows.map((r) => ({
        docName: r.doc_name,
        seq: r.seq,
        path: r.path,
        oldValue: decodeValue(r.old_value),
        newValue: decodeValue(r.new_value),
        userId: r.user_id,
        asSubstitute: r.as_substitute,
        clientTime: r.client_time,
        serverTime: r.server_time,
        clockOffsetMs: r.clock_offset,
        note: r.note,
      }));
    },
  };
}
