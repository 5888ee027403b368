import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CommitThread } from '../../sync-server/storage/commit-thread.ts';
import type { Storage, UpdateRow } from '../../sync-server/storage/port.ts';
import { groupCommit } from '../../sync-server/storage/sqlite-append.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';

const row = (i: number, update: Uint8Array = new Uint8Array([1, i % 256])): UpdateRow => ({
  update,
  userId: 'u-teacher',
  sessionId: 's-1',
  clientTime: null,
  serverTime: 1_000 + i,
  changes: [
    {
      path: `marks/l${i}:s1:kq`,
      oldValue: undefined,
      newValue: '5|w|1',
      userId: 'u-teacher',
      asSubstitute: false,
      clientTime: null,
      serverTime: 1_000 + i,
      clockOffsetMs: null,
      note: null,
    },
  ],
});

describe('STORE-20: the update log is committed by a thread of its own', () => {
  let dir = '';
  let file = '';
  let storage: Storage;
  let db: Database.Database;
  const threads: CommitThread[] = [];
  const thread = (at = file) => {
    const t = new CommitThread(at, groupCommit(db));
    threads.push(t);
    return t;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'journal-commit-'));
    file = join(dir, 'journal.sqlite');
    storage = openSqliteStorage(file); // creates the schema
    db = new Database(file);
  });
  afterEach(async () => {
    for (const t of threads.splice(0)) await t.close();
    db.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('STORE-20: appends of several documents made together share one batch on the thread, each numbered in order', async () => {
    const t = thread();
    const docs = ['journal/a/2026', 'journal/b/2026', 'journal/c/2026'];
    const seqs = await Promise.all(Array.from({ length: 30 }, (_, i) => t.append(docs[i % 3], [row(i)])));
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => Math.floor(i / 3) + 1));
    expect(t.stats).toEqual({ batches: 1, appends: 30, offThread: 1 });
    // What the thread committed is on disk and read by this thread's own connection at once.
    const stored = await storage.readUpdates('journal/b/2026', 0);
    expect(stored.map((u) => u.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(stored[0].update).toEqual(new Uint8Array([1, 1]));
    const changes = await storage.readChanges({ docName: 'journal/b/2026' });
    expect(changes.map((c) => c.path)).toEqual(Array.from({ length: 10 }, (_, i) => `marks/l${3 * i + 1}:s1:kq`));
  });

  test('STORE-20: appends made while a batch is being committed go together into the next one', async () => {
    const t = thread();
    const first = t.append('journal/a/2026', [row(0)]);
    await new Promise((resolve) => setImmediate(resolve)); // the first batch is on its way
    const next = Array.from({ length: 10 }, (_, i) => t.append('journal/a/2026', [row(i + 1)]));
    expect(await first).toBe(1);
    expect(await Promise.all(next)).toEqual(Array.from({ length: 10 }, (_, i) => i + 2));
    expect(t.stats.batches).toBe(2);
  });

  test('STORE-20: an update that is a view into a larger buffer is stored as its own bytes', async () => {
    const frame = new Uint8Array(64 * 1024).fill(7);
    frame.set([9, 8, 7], 100);
    const t = thread();
    await t.append('journal/a/2026', [row(0, frame.subarray(100, 103))]);
    expect((await storage.readUpdates('journal/a/2026', 0))[0].update).toEqual(new Uint8Array([9, 8, 7]));
  });

  test('STORE-20: a failing append rolls back alone; the others of its batch are committed', async () => {
    const t = thread();
    const bad = { ...row(1), userId: null as unknown as string }; // NOT NULL refuses it
    const results = await Promise.allSettled([
      t.append('journal/a/2026', [row(0)]),
      t.append('journal/b/2026', [row(1), bad]),
      t.append('journal/c/2026', [row(2)]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await storage.readUpdates('journal/b/2026', 0)).toEqual([]);
    expect((await storage.readUpdates('journal/c/2026', 0)).length).toBe(1);
  });

  test('STORE-20: when the thread cannot start, the same commit runs on the calling thread', async () => {
    const t = thread(join(dir, 'missing', 'journal.sqlite')); // the thread cannot open it
    expect(await t.append('journal/a/2026', [row(0)])).toBe(1);
    expect(await t.append('journal/a/2026', [row(1)])).toBe(2);
    expect(t.stats.offThread).toBe(0);
    expect((await storage.readUpdates('journal/a/2026', 0)).length).toBe(2);
  });

  test('STORE-20: close waits for every queued append to be committed', async () => {
    const t = thread();
    const pending = Array.from({ length: 5 }, (_, i) => t.append('journal/a/2026', [row(i)]));
    await t.close();
    expect(await Promise.all(pending)).toEqual([1, 2, 3, 4, 5]);
    expect((await storage.readUpdates('journal/a/2026', 0)).length).toBe(5);
  });

  test('STORE-20: the server storage commits through the thread and reads its own writes', async () => {
    const seq = await storage.appendUpdates('journal/z/2026', [row(0), row(1)]);
    expect(seq).toBe(2);
    expect((await storage.readUpdates('journal/z/2026', 0)).map((u) => u.seq)).toEqual([1, 2]);
  });

  test('STORE-20: a process with nothing else to do waits for the thread to commit (a seed before the server listens)', () => {
    const script = join(dir, 'seed.mts');
    const storagePath = join(import.meta.dirname, '..', '..', 'sync-server', 'storage', 'sqlite.ts');
    writeFileSync(
      script,
      `import { openSqliteStorage } from ${JSON.stringify(storagePath)};
       const s = openSqliteStorage(${JSON.stringify(join(dir, 'seed.sqlite'))});
       const seq = await s.appendUpdates('school/x/2026', [{ update: new Uint8Array([0, 0]), userId: 'system', sessionId: 'system', clientTime: null, serverTime: 1 }]);
       console.log('seq ' + seq);
       await s.close();`,
    );
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect(out.trim()).toBe('seq 1');
  });
});
