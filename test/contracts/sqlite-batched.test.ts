import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { batchedAppends, flushBatchedAppends } from '../../sync-server/storage/sqlite-batched.ts';

function table() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (n INTEGER NOT NULL CHECK (n >= 0))');
  const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
  const inTransaction: boolean[] = [];
  const add = batchedAppends(db, (n: number) => {
    inTransaction.push(db.inTransaction);
    insert.run(n);
  });
  const rows = () =>
    db
      .prepare<[], { n: number }>('SELECT n FROM t ORDER BY rowid')
      .all()
      .map((r) => r.n);
  return { db, add, rows, inTransaction };
}

describe('LOG-1, STORE-23: small appends of one turn share one transaction', () => {
  test('STORE-23: a hundred appends made together are written in one transaction, each resolved once committed', async () => {
    const { add, rows, inTransaction } = table();
    const done = Array.from({ length: 100 }, (_, i) => add(i));
    expect(rows()).toEqual([]); // nothing yet: the batch is written when this turn ends
    await Promise.all(done);
    expect(rows()).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(inTransaction.every(Boolean)).toBe(true);
  });

  test('STORE-23: a bad row fails alone; the rest of its batch is written', async () => {
    const { add, rows } = table();
    const results = await Promise.allSettled([add(1), add(-1), add(2)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(rows()).toEqual([1, 2]);
  });

  test('STORE-23: closing the store writes what is still queued', async () => {
    const { db, add, rows } = table();
    const pending = add(7);
    flushBatchedAppends(db);
    expect(rows()).toEqual([7]);
    db.close();
    await pending;
  });
});
