import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { keyIdOf, loadSigningKey, readKeyHistory, rotateSigningKey, publicKeyFromRaw } from '../../sync-server/archive/keys.ts';
import { replayLog, sha256, snapshotCanonical } from '../../sync-server/archive/replay.ts';
import { Snapshotter } from '../../sync-server/archive/snapshotter.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import type { Storage } from '../../sync-server/storage/port.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { verify } from 'node:crypto';

const DOC = 'journal/x/2026';

async function appendEdits(storage: Storage, doc: Y.Doc, n: number): Promise<void> {
  const out: Uint8Array[] = [];
  const on = (u: Uint8Array) => out.push(u);
  doc.on('update', on);
  for (let i = 0; i < n; i++) doc.getMap('marks').set(`k${doc.getMap('marks').size}`, i);
  doc.off('update', on);
  await storage.appendUpdates(
    DOC,
    out.map((update) => ({ update, userId: 'u', sessionId: 's', clientTime: null, serverTime: 1 })),
  );
}

describe('signing key and signed snapshots', () => {
  const dirs: string[] = [];
  let server: TestServer | null = null;
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'journal-keys-'));
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    await server?.dispose();
    server = null;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('ARC-5: the key is made once in the data directory, private file 0600, id from the public key', () => {
    const dir = tmp();
    const key = loadSigningKey(dir);
    expect(statSync(join(dir, 'keys', 'server-key.pem')).mode & 0o777).toBe(0o600);
    expect(loadSigningKey(dir).keyId).toBe(key.keyId);
    const [published] = readKeyHistory(dir).keys;
    const raw = new Uint8Array(Buffer.from(published.publicKey, 'base64'));
    expect(published.keyId).toBe(keyIdOf(raw));
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(verify(null, Buffer.from('x'), publicKeyFromRaw(raw), key.sign(Buffer.from('x')))).toBe(true);
    expect(() => loadSigningKey(tmp(), undefined, { create: false })).toThrow(/No signing key/);
  });

  it('ARC-6: a rotated key stays in the history with its validity', () => {
    const dir = tmp();
    const old = loadSigningKey(dir, () => new Date('2026-09-01T00:00:00Z'));
    const next = rotateSigningKey(dir, () => new Date('2027-01-01T00:00:00Z'));
    expect(next.keyId).not.toBe(old.keyId);
    expect(readKeyHistory(dir).keys.map((k) => [k.keyId, k.validUntil])).toEqual([
      [old.keyId, '2027-01-01T00:00:00.000Z'],
      [next.keyId, null],
    ]);
    expect(loadSigningKey(dir).keyId).toBe(next.keyId);
  });

  it('ARC-3, ARC-7: snapshots replay the stored log, chain to the previous one, and come every N updates', async () => {
    const dir = tmp();
    const storage = openSqliteStorage(join(dir, 'journal.sqlite'));
    const key = loadSigningKey(dir);
    let now = 1_000_000;
    const snapshotter = new Snapshotter(
      storage,
      key,
      { everyUpdates: 5, everyMs: 60_000, pollMs: 0 },
      (e) => {
        throw e;
      },
      () => now,
    );
    const doc = new Y.Doc();
    await appendEdits(storage, doc, 4);
    await snapshotter.poll();
    expect(await storage.latestSignedSnapshot(DOC)).toBeNull();
    await appendEdits(storage, doc, 1);
    await snapshotter.poll();
    const first = (await storage.latestSignedSnapshot(DOC))!;
    expect(first.upToSeq).toBe(5);
    expect(first.prevSha256).toBeNull();
    const replayed = replayLog((await storage.readUpdates(DOC, 0)).map((u) => u.update));
    expect(first.state).toEqual(replayed.state);
    const canonical = snapshotCanonical(DOC, first);
    expect(first.sha256).toEqual(sha256(canonical));
    // By age: one update waits at most everyMs.
    await appendEdits(storage, doc, 1);
    await snapshotter.poll();
    expect((await storage.latestSignedSnapshot(DOC))!.upToSeq).toBe(5);
    now += 60_000;
    await snapshotter.poll();
    const second = (await storage.latestSignedSnapshot(DOC))!;
    expect(second.upToSeq).toBe(6);
    expect(second.prevSha256).toEqual(first.sha256);
    // On demand with nothing new: the latest one, no new link.
    expect((await snapshotter.snapshotDocument(DOC))!.upToSeq).toBe(6);
    expect((await storage.signedSnapshots(DOC)).length).toBe(2);
    await storage.close();
  });

  it('ARC-5, ARC-8, ARC-9: keys at the well-known address, snapshots on demand for the administrator and at a period close', async () => {
    server = await startTestServer();
    const s = server;
    const keys = await fetch(`${s.origin}/.well-known/journal-keys.json`).then((r) => r.json());
    expect(keys.current).toBe(loadSigningKey(s.dataDir).keyId);
    expect(keys.keys[0].keyId).toBe(keyIdOf(new Uint8Array(Buffer.from(keys.keys[0].publicKey, 'base64'))));

    const deputy = await s.login('deputy');
    const post = (path: string, cookie: string, body?: unknown) =>
      fetch(`${s.origin}${path}`, {
        method: 'POST',
        headers: { cookie, origin: s.origin, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect((await post('/api/admin/snapshots', deputy, { docName: 'journal/10a/2026' })).status).toBe(403);
    expect(await s.storage.latestSignedSnapshot('journal/5b/2026')).toBeNull();
    expect((await post('/api/periods/close', deputy, { classId: '5b', periodId: 'q1' })).status).toBe(200);
    await waitFor(async () => expect(await s.storage.latestSignedSnapshot('journal/5b/2026')).not.toBeNull(), 5000);

    const admin = await s.login('admin');
    const res = await post('/api/admin/snapshots', admin, { docName: 'journal/10a/2026' });
    expect(res.status).toBe(200);
    const { snapshots } = await res.json();
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({ docName: 'journal/10a/2026', keyId: keys.current });
    expect(snapshots[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
