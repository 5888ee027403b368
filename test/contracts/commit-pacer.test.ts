import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { CommitPacer } from '../../sync-server/storage/commit-pacer.ts';
import { CommitThread } from '../../sync-server/storage/commit-thread.ts';
import type { UpdateRow } from '../../sync-server/storage/port.ts';
import { groupCommit } from '../../sync-server/storage/sqlite-append.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';

const clock = (start = 0) => {
  const c = { t: start, now: () => c.t };
  return c;
};

describe('STORE-22: commits are paced only when the log is busy', () => {
  test('STORE-22: a quiet log is committed at once, however soon after the last commit', () => {
    const c = clock();
    const pacer = new CommitPacer({ busyAppends: 5, windowMs: 100, gatherMs: 3, now: c.now });
    for (let i = 0; i < 4; i++) {
      pacer.appended();
      expect(pacer.delay()).toBe(0);
      pacer.started();
      c.t += 1;
    }
  });

  test('STORE-22: at a high rate a commit waits until `gatherMs` after the previous one started, and no longer', () => {
    const c = clock(1000);
    const pacer = new CommitPacer({ busyAppends: 5, windowMs: 100, gatherMs: 3, now: c.now });
    pacer.started();
    for (let i = 0; i < 5; i++) pacer.appended(); // 5 appends within the window: busy
    expect(pacer.delay()).toBe(3);
    c.t += 2;
    expect(pacer.delay()).toBe(1);
    c.t += 5;
    expect(pacer.delay()).toBe(0); // the gather time is over: commit now
    // The rate falls: once the oldest of the last five arrivals is out of the window, no wait.
    pacer.started();
    c.t += 101;
    pacer.appended();
    expect(pacer.delay()).toBe(0);
  });

  test('STORE-22: the commit thread gathers a busy log’s appends of several turns into one batch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-pacer-'));
    const file = join(dir, 'journal.sqlite');
    const storage = openSqliteStorage(file);
    const db = new Database(file);
    // A clock that stands still: once busy, a commit waits the whole gather time, on a timer the
    // test fires itself once all turns are in (no wall-clock budget).
    const t = new CommitThread(file, groupCommit(db), { busyAppends: 2, windowMs: 1e9, gatherMs: 1000, now: () => 0 });
    const row = (i: number): UpdateRow => ({
      update: new Uint8Array([1, i]),
      userId: 'u',
      sessionId: 's',
      clientTime: null,
      serverTime: i,
    });
    try {
      expect(await t.append('journal/a/2026', [row(0)])).toBe(1); // quiet: committed at once
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const later: Promise<number>[] = [];
      for (let turn = 0; turn < 4; turn++) {
        later.push(t.append('journal/a/2026', [row(2 * turn + 1)]), t.append('journal/b/2026', [row(2 * turn + 2)]));
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(t.stats.batches).toBe(1); // the busy appends wait for the gather time
      vi.advanceTimersByTime(1000);
      vi.useRealTimers();
      expect(await Promise.all(later)).toEqual([2, 1, 3, 2, 4, 3, 5, 4]);
      expect(t.stats).toMatchObject({ batches: 2, appends: 9 });
      expect((await storage.readUpdates('journal/a/2026', 0)).map((u) => u.seq)).toEqual([1, 2, 3, 4, 5]);
    } finally {
      vi.useRealTimers();
      await t.close();
      db.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
