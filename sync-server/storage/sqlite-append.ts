import type Database from 'better-sqlite3';
import type { CommitExtras, UpdateRow } from './port.ts';
import { insertChanges } from './sqlite-history.ts';
import { refusedWriter } from './sqlite-refused.ts';

/** One document's rows to append, as the room hands them over. */
export interface AppendItem extends CommitExtras {
  docName: string;
  rows: readonly UpdateRow[];
}

/** Each item's outcome: its last seq, or why it alone was rolled back. */
export type AppendResult = { ok: true; seq: number } | { ok: false; error: string };

/**
 * The group commit (STORE-20): the appends of several documents in one transaction and so one
 * fsync, each keeping its own all-or-nothing through a savepoint. The seq of a document's next
 * update is read inside the transaction, so whichever connection writes, seqs never repeat. A
 * room's refused changes and client-id bindings go in its savepoint too (STORE-21): a crash keeps
 * an update and what it refused together, or neither.
 */
export function groupCommit(db: Database.Database): (items: readonly AppendItem[]) => AppendResult[] {
  const lastSeq = db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM updates WHERE doc_name = ?');
  const insertUpdate = db.prepare(
    'INSERT INTO updates (doc_name, seq, update_bytes, user_id, session_id, client_time, server_time) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const writeChanges = insertChanges(db);
  const writeRefused = refusedWriter(db);
  const bind = db.prepare('INSERT OR IGNORE INTO client_ids (doc_name, client_id, user_id) VALUES (?, ?, ?)');
  const append = db.transaction(({ docName, rows, refused, bindings }: AppendItem) => {
    for (const [clientId, userId] of bindings ?? []) bind.run(docName, clientId, userId);
    let seq = lastSeq.get(docName)?.seq ?? 0;
    for (const r of rows) {
      insertUpdate.run(docName, ++seq, r.update, r.userId, r.sessionId, r.clientTime, r.serverTime);
      if (r.changes?.length) writeChanges(docName, seq, r.changes);
    }
    if (refused?.length) writeRefused(refused);
    return seq;
  });
  const commit = db.transaction((items: readonly AppendItem[]) =>
    items.map((item): AppendResult => {
      try {
        // A nested transaction function runs as a savepoint: a failing append rolls back alone.
        return { ok: true, seq: append(item) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  // IMMEDIATE: the write lock is taken at BEGIN, where SQLite waits for the other connection's
  // commit; a deferred transaction that read first would fail at once instead (SQLITE_BUSY).
  return (items) => commit.immediate(items);
}

/** The pragmas of every connection that writes: WAL, a commit on disk before it returns (fsync). */
export function writerPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Two connections write (this thread's and the commit thread's): one waits for the other's commit.
  db.pragma('busy_timeout = 10000');
}
