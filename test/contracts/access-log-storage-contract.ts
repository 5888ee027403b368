import { afterEach, describe, expect, it } from 'vitest';
import type { AccessLogEntry, Storage } from '../../sync-server/storage/port.ts';

type NewEntry = Omit<AccessLogEntry, 'id'>;
const entry = (at: number, over: Partial<NewEntry> = {}): NewEntry => ({
  at,
  kind: 'sign-in',
  userId: 'u1',
  login: 'one',
  object: `at ${at}`,
  address: '10.0.0.1',
  userAgent: 'UA',
  ...over,
});

/**
 * The access log half of the storage port's contract (LOG-4): entries appended and read back
 * whole, newest first, by person, kind and time, in pages below a cursor; removed only by the
 * retention, and kept across a reopening of the store. `reopen` closes the given store and
 * opens the same data again.
 */
export function accessLogStorageContract(
  adapterName: string,
  open: () => Promise<Storage>,
  reopen: (storage: Storage) => Promise<Storage>,
  cleanup: () => Promise<void> = async () => {},
) {
  describe(`storage contract, access log: ${adapterName}`, () => {
    let storage: Storage;
    afterEach(async () => {
      await storage.close();
      await cleanup();
    });

    it('LOG-4: entries read back whole, newest first, with increasing ids; a failed sign-in has no user id', async () => {
      storage = await open();
      expect(await storage.listAccessLog({ limit: 10 })).toEqual([]);
      await storage.appendAccessLog(entry(100));
      await storage.appendAccessLog(entry(200, { kind: 'sign-in-failed', userId: null, login: 'tried' }));
      const [second, first] = await storage.listAccessLog({ limit: 10 });
      expect(first).toEqual({ id: first.id, ...entry(100) });
      expect(second).toEqual({ id: second.id, ...entry(200, { kind: 'sign-in-failed', userId: null, login: 'tried' }) });
      expect(second.id).toBeGreaterThan(first.id);
    });

    it('LOG-4: filters by user id or login, kind and time [from, to), all together; pages below `before`', async () => {
      storage = await open();
      for (let i = 0; i < 10; i++) {
        await storage.appendAccessLog(
          entry(i * 10, { userId: i % 2 ? 'u1' : 'u2', login: i % 2 ? 'one' : 'two', kind: i < 5 ? 'print' : 'export' }),
        );
      }
      await storage.appendAccessLog(entry(100, { userId: null, login: 'one', kind: 'sign-in-failed' }));
      const ats = (q: Parameters<Storage['listAccessLog']>[0]) => storage.listAccessLog(q).then((r) => r.map((e) => e.at));
      expect(await ats({ user: 'u1', limit: 50 })).toEqual([90, 70, 50, 30, 10]);
      expect(await ats({ user: 'one', limit: 50 })).toEqual([100, 90, 70, 50, 30, 10]);
      expect(await ats({ kind: 'print', limit: 50 })).toEqual([40, 30, 20, 10, 0]);
      expect(await ats({ from: 20, to: 50, limit: 50 })).toEqual([40, 30, 20]);
      expect(await ats({ user: 'u2', kind: 'export', from: 60, limit: 50 })).toEqual([80, 60]);
      const page = await storage.listAccessLog({ limit: 3 });
      expect(page.map((e) => e.at)).toEqual([100, 90, 80]);
      expect(await ats({ before: page[2].id, limit: 3 })).toEqual([70, 60, 50]);
    });

    it('LOG-7: the retention removes what is older and says how many; ids are never given again', async () => {
      storage = await open();
      for (const at of [10, 20, 30]) await storage.appendAccessLog(entry(at));
      const newest = (await storage.listAccessLog({ limit: 1 }))[0].id;
      expect(await storage.deleteAccessLogBefore(30)).toBe(2);
      expect((await storage.listAccessLog({ limit: 10 })).map((e) => e.at)).toEqual([30]);
      expect(await storage.deleteAccessLogBefore(1000)).toBe(1);
      await storage.appendAccessLog(entry(40));
      expect((await storage.listAccessLog({ limit: 1 }))[0].id).toBeGreaterThan(newest);
    });

    it('LOG-4: the log is kept across a reopening of the store', async () => {
      storage = await open();
      await storage.appendAccessLog(entry(5, { object: 'journal/5b/2026' }));
      storage = await reopen(storage);
      expect((await storage.listAccessLog({ limit: 10 })).map((e) => e.object)).toEqual(['journal/5b/2026']);
    });
  });
}
