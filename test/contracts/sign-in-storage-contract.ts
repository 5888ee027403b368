import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../sync-server/storage/port.ts';

/**
 * The sign-in half of the storage port's contract (AUTH-22): failure counts per key, counted
 * atomically, forgotten on request or when old, and kept across a reopening of the store.
 * `reopen` closes the given store and opens the same data again.
 */
export function signInStorageContract(
  adapterName: string,
  open: () => Promise<Storage>,
  reopen: (storage: Storage) => Promise<Storage>,
  cleanup: () => Promise<void> = async () => {},
) {
  describe(`storage contract, sign-in failures: ${adapterName}`, () => {
    let storage: Storage;
    afterEach(async () => {
      await storage.close();
      await cleanup();
    });

    it('AUTH-22: failures count per key, each key of one failure together, and read back', async () => {
      storage = await open();
      expect(await storage.readSignInFailures(['account:a'])).toEqual(new Map());
      await storage.recordSignInFailure(['account:a', 'address:1'], 100, 0);
      const after = await storage.recordSignInFailure(['account:a', 'address:2'], 200, 0);
      expect(after.get('account:a')).toEqual({ failures: 2, lastFailureAt: 200 });
      expect(after.get('address:2')).toEqual({ failures: 1, lastFailureAt: 200 });
      const read = await storage.readSignInFailures(['account:a', 'address:1', 'account:b']);
      expect([...read.keys()].sort()).toEqual(['account:a', 'address:1']);
      expect(read.get('address:1')).toEqual({ failures: 1, lastFailureAt: 100 });
    });

    it('AUTH-22: concurrent failures are all counted; a failure after the forgetting time starts again from one', async () => {
      storage = await open();
      await Promise.all(Array.from({ length: 20 }, () => storage.recordSignInFailure(['account:a'], 1000, 0)));
      expect((await storage.readSignInFailures(['account:a'])).get('account:a')!.failures).toBe(20);
      const fresh = await storage.recordSignInFailure(['account:a'], 5000, 2000);
      expect(fresh.get('account:a')).toEqual({ failures: 1, lastFailureAt: 5000 });
    });

    it('AUTH-22, AUTH-24: clearing forgets only the given keys; housekeeping only the old ones', async () => {
      storage = await open();
      await storage.recordSignInFailure(['account:a', 'account:b', 'address:1'], 100, 0);
      await storage.recordSignInFailure(['account:c'], 900, 0);
      await storage.clearSignInFailures(['account:a']);
      expect([...(await storage.readSignInFailures(['account:a', 'account:b'])).keys()]).toEqual(['account:b']);
      await storage.deleteSignInFailuresBefore(500);
      expect([...(await storage.readSignInFailures(['account:b', 'address:1', 'account:c'])).keys()]).toEqual(['account:c']);
    });

    it('AUTH-22: the counts survive closing and reopening the store', async () => {
      storage = await open();
      await storage.recordSignInFailure(['account:a'], 100, 0);
      await storage.recordSignInFailure(['account:a'], 200, 0);
      storage = await reopen(storage);
      expect((await storage.readSignInFailures(['account:a'])).get('account:a')).toEqual({ failures: 2, lastFailureAt: 200 });
    });
  });
}
