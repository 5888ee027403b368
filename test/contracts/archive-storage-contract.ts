import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ChainConflictError, type SignedSnapshot, type Storage, type UpdateRow } from '../../sync-server/storage/port.ts';

const row = (update: Uint8Array): UpdateRow => ({ update, userId: 'u1', sessionId: 's1', clientTime: null, serverTime: 2000 });

function someUpdates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) doc.getMap('marks').set(`k${i}`, i);
  return out;
}

const bytes = (fill: number, n = 32) => new Uint8Array(n).fill(fill);
const signed = (upToSeq: number, sha: number, prev: number | null): SignedSnapshot => ({
  upToSeq,
  state: bytes(upToSeq, 5),
  stateVector: bytes(upToSeq, 3),
  createdAt: 100 + upToSeq,
  sha256: bytes(sha),
  prevSha256: prev === null ? null : bytes(prev),
  signature: bytes(sha, 64),
  keyId: 'k1',
});

/**
 * The archive half of the storage port's contract (STORE-15…STORE-17): signed snapshot chains,
 * log heads and bounded reads, and the online backup. `openBackup` opens a file `backupTo` wrote.
 */
export function archiveStorageContract(
  adapterName: string,
  open: () => Promise<Storage>,
  openBackup: (file: string) => Promise<Storage>,
  cleanup: () => Promise<void> = async () => {},
) {
  describe(`storage contract, archive: ${adapterName}`, () => {
    let storage: Storage;
    let dir = '';
    beforeEach(async () => {
      storage = await open();
      dir = mkdtempSync(join(tmpdir(), 'journal-contract-backup-'));
    });
    afterEach(async () => {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
      await cleanup();
    });

    it('STORE-15: signed snapshots form a chain that only grows, one link at a time', async () => {
      expect(await storage.latestSignedSnapshot('d/x/1')).toBeNull();
      await storage.appendSignedSnapshot('d/x/1', signed(3, 1, null));
      await storage.appendSignedSnapshot('d/x/1', signed(5, 2, 1));
      // A fork (wrong previous hash), a second first link, and an older position are refused.
      await expect(storage.appendSignedSnapshot('d/x/1', signed(9, 3, 1))).rejects.toBeInstanceOf(ChainConflictError);
      await expect(storage.appendSignedSnapshot('d/x/1', signed(9, 3, null))).rejects.toBeInstanceOf(ChainConflictError);
      await expect(storage.appendSignedSnapshot('d/x/1', signed(5, 3, 2))).rejects.toBeInstanceOf(ChainConflictError);
      expect(await storage.signedSnapshots('d/x/1')).toEqual([signed(3, 1, null), signed(5, 2, 1)]);
      expect(await storage.latestSignedSnapshot('d/x/1')).toEqual(signed(5, 2, 1));
      // Chains are per document.
      await storage.appendSignedSnapshot('d/y/1', signed(1, 7, null));
      expect((await storage.signedSnapshots('d/y/1')).length).toBe(1);
    });

    it('STORE-16: the last seq of every log, and reads bounded by seq', async () => {
      const ups = someUpdates(5);
      await storage.appendUpdates('d/a/1', ups.map(row));
      await storage.appendUpdates('d/b/1', ups.slice(0, 2).map(row));
      expect(await storage.lastSeqs()).toEqual(
        new Map([
          ['d/a/1', 5],
          ['d/b/1', 2],
        ]),
      );
      expect((await storage.readUpdates('d/a/1', 1, 3)).map((u) => u.seq)).toEqual([2, 3]);
      expect((await storage.readUpdates('d/a/1', 0)).map((u) => u.seq)).toEqual([1, 2, 3, 4, 5]);
    });

    it('STORE-17: an online backup is a whole store with the same logs, snapshots and users', async () => {
      const ups = someUpdates(4);
      await storage.appendUpdates('d/a/1', ups.map(row));
      await storage.appendSignedSnapshot('d/a/1', signed(4, 1, null));
      await storage.createUser({ id: 'u1', login: 'a', name: 'A', roles: [], passwordHash: 'h', disabled: false });
      // Writes racing the backup land either wholly in it or wholly after it.
      const racing = storage.appendUpdates('d/a/1', [row(ups[0])]);
      await storage.backupTo(join(dir, 'copy'));
      await racing;
      const copy = await openBackup(join(dir, 'copy'));
      try {
        const seqs = (await copy.readUpdates('d/a/1', 0)).map((u) => u.seq);
        expect([
          [1, 2, 3, 4],
          [1, 2, 3, 4, 5],
        ]).toContainEqual(seqs);
        expect(await copy.signedSnapshots('d/a/1')).toEqual([signed(4, 1, null)]);
        expect((await copy.findUserByLogin('a'))?.id).toBe('u1');
      } finally {
        await copy.close();
      }
    });
  });
}
