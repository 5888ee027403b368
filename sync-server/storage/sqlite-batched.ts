import type Database from 'better-sqlite3';

/** The batches of each connection, so that closing the store writes what is still queued. */
const queuesOf = new WeakMap<Database.Database, Set<() => void>>();

/**
 * Small appends made in one turn of the event loop, written in one transaction: a reconnect storm
 * of a hundred sockets opens a hundred journals, and their hundred access-log entries (LOG-1) cost
 * one fsync instead of a hundred, each of which held up the event loop. Each `add` resolves once
 * its row is committed; when a batch fails, its rows are written one by one, so a bad row fails alone.
 */
export function batchedAppends<T>(db: Database.Database, write: (row: T) => void): (row: T) => Promise<void> {
  let queue: Array<{ row: T; resolve(): void; reject(e: unknown): void }> = [];
  const writeAll = db.transaction((rows: readonly T[]) => {
    for (const r of rows) write(r);
  });
  const flush = () => {
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    try {
      writeAll(batch.map((b) => b.row));
      for (const b of batch) b.resolve();
    } catch {
      for (const b of batch) {
        try {
          write(b.row);
          b.resolve();
        } catch (e) {
          b.reject(e);
        }
      }
    }
  };
  let flushes = queuesOf.get(db);
  if (!flushes) queuesOf.set(db, (flushes = new Set()));
  flushes.add(flush);
  return (row) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ row, resolve, reject });
      if (queue.length === 1) setImmediate(flush);
    });
}

/** Writes every queued append now: called before the connection closes. */
export function flushBatchedAppends(db: Database.Database): void {
  for (const flush of queuesOf.get(db) ?? []) flush();
}
