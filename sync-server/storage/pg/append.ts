import type pg from 'pg';
import type { CommitExtras, UpdateRow } from '../port.ts';
import { encodeValue } from './history.ts';
import { pgText } from './pool.ts';
import { lockRefusedAuthors, writeRefused } from './refused.ts';

/** One document's append, as the room hands it over: its rows, and what commits with them (STORE-21). */
export interface PgAppendItem extends CommitExtras {
  docName: string;
  rows: readonly UpdateRow[];
}

/** Each item's outcome: its last seq, or why it alone was rolled back. */
export type PgAppendResult = { ok: true; seq: number } | { ok: false; error: string };

/**
 * Appends of any number of documents in one statement. Each document's head row takes the next
 * seqs for all its rows at once (a row lock, so two processes appending to one document wait for
 * each other, and seqs never repeat or skip); heads are locked in name order, so two processes'
 * batches never wait for each other in a circle. A document with no rows (extras alone) keeps its
 * head as it is. Updates, change rows and client-id bindings are inserted from arrays, each row
 * placed by its document and its position (from 1) among that document's rows.
 */
const APPEND = `
WITH input AS (
  SELECT t.doc_name COLLATE "C" AS doc_name, t.n FROM unnest($1::text[], $2::bigint[]) AS t(doc_name, n)
), head AS (
  INSERT INTO doc_heads (doc_name, last_seq) SELECT doc_name, n FROM input WHERE n > 0 ORDER BY doc_name
  ON CONFLICT (doc_name) DO UPDATE SET last_seq = doc_heads.last_seq + EXCLUDED.last_seq
  RETURNING doc_name, last_seq
), base AS (
  SELECT head.doc_name, head.last_seq - input.n AS base FROM head JOIN input ON input.doc_name = head.doc_name
  UNION ALL
  SELECT input.doc_name, COALESCE(h.last_seq, 0) FROM input LEFT JOIN doc_heads h ON h.doc_name = input.doc_name WHERE input.n = 0
), ins_updates AS (
  INSERT INTO updates (doc_name, seq, update_bytes, user_id, session_id, client_time, server_time)
  SELECT base.doc_name, base.base + u.pos, u.update_bytes, u.user_id, u.session_id, u.client_time, u.server_time
  FROM unnest($3::text[], $4::bigint[], $5::bytea[], $6::text[], $7::text[], $8::bigint[], $9::bigint[])
    AS u(doc_name, pos, update_bytes, user_id, session_id, client_time, server_time)
  JOIN base ON base.doc_name = u.doc_name COLLATE "C"
), ins_changes AS (
  INSERT INTO changes (doc_name, seq, path, old_value, new_value, user_id, as_substitute, client_time, server_time, clock_offset, note)
  SELECT base.doc_name, base.base + c.pos, c.path, c.old_value, c.new_value, c.user_id, c.as_substitute, c.client_time, c.server_time,
    c.clock_offset, c.note
  FROM unnest($10::text[], $11::bigint[], $12::text[], $13::text[], $14::text[], $15::text[], $16::boolean[], $17::bigint[],
      $18::bigint[], $19::bigint[], $20::text[])
    AS c(doc_name, pos, path, old_value, new_value, user_id, as_substitute, client_time, server_time, clock_offset, note)
  JOIN base ON base.doc_name = c.doc_name COLLATE "C"
), ins_bindings AS (
  INSERT INTO client_ids (doc_name, client_id, user_id)
  SELECT * FROM unnest($21::text[], $22::bigint[], $23::text[])
  ON CONFLICT DO NOTHING
)
SELECT doc_name, base FROM base`;

/** Byte order of UTF-8, as the "C" collation sorts: every process locks heads in the same order. */
const byName = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * The statement's parameters for `items`, and how to read each item's last seq from the bases it
 * returns: an item's rows follow the rows of earlier items of the same document.
 */
function appendStatement(items: readonly PgAppendItem[]): { params: unknown[]; lastSeq: (bases: Map<string, number>) => number[] } {
  const totals = new Map<string, number>();
  const ends: number[] = [];
  const rows: Array<{ doc: string; pos: number; r: UpdateRow }> = [];
  for (const item of items) {
    let n = totals.get(item.docName) ?? 0;
    for (const r of item.rows) rows.push({ doc: item.docName, pos: ++n, r });
    totals.set(item.docName, n);
    ends.push(n);
  }
  const changes = rows.flatMap(({ doc, pos, r }) => (r.changes ?? []).map((c) => ({ doc, pos, c })));
  const bindings = items.flatMap((item) => (item.bindings ?? []).map(([clientId, userId]) => ({ doc: item.docName, clientId, userId })));
  const docs = [...totals.keys()].sort(byName);
  const params = [
    docs,
    docs.map((d) => totals.get(d)),
    rows.map((x) => x.doc),
    rows.map((x) => x.pos),
    rows.map(({ r }) => Buffer.from(r.update.buffer, r.update.byteOffset, r.update.byteLength)),
    rows.map(({ r }) => r.userId ?? null),
    rows.map(({ r }) => r.sessionId ?? null),
    rows.map(({ r }) => r.clientTime),
    rows.map(({ r }) => r.serverTime),
    changes.map((x) => x.doc),
    changes.map((x) => x.pos),
    changes.map((x) => pgText(x.c.path)),
    changes.map((x) => encodeValue(x.c.oldValue)),
    changes.map((x) => encodeValue(x.c.newValue)),
    changes.map((x) => x.c.userId ?? null),
    changes.map((x) => x.c.asSubstitute),
    changes.map((x) => x.c.clientTime),
    changes.map((x) => x.c.serverTime),
    changes.map((x) => x.c.clockOffsetMs),
    changes.map((x) => (x.c.note === null ? null : pgText(x.c.note))),
    bindings.map((b) => b.doc),
    bindings.map((b) => b.clientId),
    bindings.map((b) => b.userId ?? null),
  ];
  return { params, lastSeq: (bases) => items.map((item, i) => (bases.get(item.docName) ?? 0) + ends[i]) };
}

/** Every item's rows, bindings and refused changes, inside the caller's transaction (or as one). */
async function runAppend(client: pg.PoolClient, items: readonly PgAppendItem[]): Promise<number[]> {
  const { params, lastSeq } = appendStatement(items);
  const { rows } = await client.query<{ doc_name: string; base: number }>(APPEND, params);
  const refused = items.flatMap((item) => item.refused ?? []);
  if (refused.length > 0) {
    await lockRefusedAuthors(client, refused);
    for (const item of items) if (item.refused?.length) await writeRefused(client, item.refused);
  }
  return lastSeq(new Map(rows.map((r) => [r.doc_name, r.base])));
}

/**
 * The group commit on PostgreSQL (STORE-20, STORE-21, STORE-PG-3): the appends of several
 * documents with their refused changes and bindings in one transaction, and so one WAL flush.
 * Without refused changes the whole batch is one statement, one round trip, its own transaction.
 * If the batch fails (an append that breaks a constraint), nothing of it stayed, and it is
 * committed again with a savepoint per append, so that the bad one fails alone. A failure of the
 * transaction itself (the COMMIT, a lost connection) throws: nothing of the batch is acknowledged.
 */
export async function commitBatch(client: pg.PoolClient, items: readonly PgAppendItem[]): Promise<PgAppendResult[]> {
  const single = !items.some((item) => item.refused?.length);
  try {
    if (!single) await client.query('BEGIN');
    const seqs = await runAppend(client, items);
    if (!single) await client.query('COMMIT');
    return seqs.map((seq) => ({ ok: true, seq }));
  } catch {
    // One of the appends is refused by the database: find it, one savepoint each.
    if (!single) await client.query('ROLLBACK');
  }
  return commitOneByOne(client, items);
}

async function commitOneByOne(client: pg.PoolClient, items: readonly PgAppendItem[]): Promise<PgAppendResult[]> {
  const results: PgAppendResult[] = [];
  // Heads locked in name order here too (a stable sort keeps one document's appends in order).
  const order = items.map((_, i) => i).sort((x, y) => byName(items[x].docName, items[y].docName) || x - y);
  await client.query('BEGIN');
  try {
    for (const i of order) {
      await client.query('SAVEPOINT item');
      try {
        const [seq] = await runAppend(client, [items[i]]);
        await client.query('RELEASE SAVEPOINT item');
        results[i] = { ok: true, seq };
      } catch (error) {
        await client.query('ROLLBACK TO SAVEPOINT item');
        results[i] = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
  return results;
}
