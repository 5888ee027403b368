import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { change, pendingChanges, setMark } from '../../model/index.ts';
import { Backups } from '../../sync-server/archive/backup.ts';
import { exportArchive } from '../../sync-server/archive/export.ts';
import { documentHash, documentHashes } from '../../sync-server/archive/replay.ts';
import { restoreBackup } from '../../sync-server/archive/restore.ts';
import { verifyArchive } from '../../sync-server/archive/verify.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { DEMO_FIXTURE_DAY, mathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const JOURNAL = 'journal/5b/2026';

describe('backups', () => {
  let server: TestServer | null = null;
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'journal-backup-test-'));
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    await server?.dispose();
    server = null;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('ARC-10, ARC-11: a backup taken while clients write restores into an empty directory with identical document hashes', async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const s = server;
    const page = await mathPage(s.storage, s.today());
    const cookie = await s.login('teacher');
    const admin = await s.login('admin');
    const clients: TestClient[] = [0, 1, 2].map(() => connectClient(s, JOURNAL, cookie, { ext: true }));
    await Promise.all(clients.map(synced));
    let n = 0;
    const writer = setInterval(() => {
      clients.forEach((c, i) => {
        const k = n++;
        const lesson = page.teacherLessons[k % page.teacherLessons.length];
        const student = page.students[(k + i) % page.students.length];
        change(c.doc, 'test', () =>
          setMark(c.doc, lesson, student.id, k % 4, { v: (2 + (k % 4)) as 2 | 3 | 4 | 5, t: 'oral' as never, w: 1 }),
        );
      });
    }, 5);
    const post = (path: string) =>
      fetch(`${s.origin}${path}`, { method: 'POST', headers: { cookie: admin, origin: s.origin } }).then(async (r) => ({
        status: r.status,
        json: (await r.json()) as { backup: { name: string } },
      }));
    try {
      await waitFor(() => expect(n).toBeGreaterThan(150));
      // On demand, while the writes go on: a signed snapshot of every document, then a backup.
      expect((await post('/api/admin/snapshots')).status).toBe(200);
      await waitFor(() => expect(n).toBeGreaterThan(300));
      const made = await post('/api/admin/backups');
      expect(made.status).toBe(200);
      await waitFor(() => expect(n).toBeGreaterThan(450));
      clearInterval(writer);
      for (const c of clients) {
        await waitFor(() => expect(pendingChanges(Y.decodeStateVector(Y.encodeStateVector(c.doc)), c.acks.at(-1)!)).toBe(0));
      }
      const listed = await fetch(`${s.origin}/api/admin/backups`, { headers: { cookie: admin } }).then((r) => r.json());
      expect(listed.backups.map((b: { name: string }) => b.name)).toEqual([made.json.backup.name]);
      expect(await fetch(`${s.origin}/api/admin/backups`, { headers: { cookie } }).then((r) => r.status)).toBe(403);

      const target = tmp();
      const restored = await restoreBackup(join(s.dataDir, 'backups', made.json.backup.name), target);
      // The backup is one committed moment: each document equals the source's log replayed to the same seq.
      const copy = openSqliteStorage(join(target, 'journal.sqlite'), { readonly: true });
      const seqs = await copy.lastSeqs();
      expect(seqs.get(JOURNAL)).toBeLessThan((await s.storage.lastSeqs()).get(JOURNAL)!);
      for (const [name, hash] of restored) {
        const source = await s.storage.readUpdates(name, 0, seqs.get(name));
        expect(hash, name).toBe(documentHash(source.map((u) => u.update)));
      }
      expect(await documentHashes(copy)).toEqual(restored);
      const chain = await copy.signedSnapshots(JOURNAL);
      expect(chain.length).toBeGreaterThan(0);
      expect(chain).toEqual((await s.storage.signedSnapshots(JOURNAL)).slice(0, chain.length));
      await copy.close();
      // The keys came along: an export of the restored store verifies against the same key.
      const out = join(tmp(), 'export');
      await exportArchive(target, out, { classId: '5b' });
      expect(verifyArchive(out)).toEqual([]);
    } finally {
      clearInterval(writer);
      for (const c of clients) c.destroy();
    }
  });

  it('ARC-11: restore refuses a non-empty data directory unless forced', async () => {
    server = await startTestServer();
    const backup = await server.backups.backupNow();
    const target = tmp();
    writeFileSync(join(target, 'journal.sqlite'), 'live');
    const from = join(server.dataDir, 'backups', backup.name);
    await expect(restoreBackup(from, target)).rejects.toThrow(/is not empty/);
    const hashes = await restoreBackup(from, target, { force: true });
    expect(hashes).toEqual(await documentHashes(server.storage));
  });

  it('ARC-10: only the newest BACKUP_KEEP backups are kept', async () => {
    const dir = tmp();
    const storage = openSqliteStorage(join(dir, 'journal.sqlite'));
    let t = Date.UTC(2026, 8, 1);
    const backups = new Backups(
      storage,
      dir,
      { keep: 2, everyHours: 0 },
      (e) => {
        throw e;
      },
      () => new Date((t += 3_600_000)),
    );
    for (let i = 0; i < 3; i++) await backups.backupNow();
    expect(backups.list().map((b) => b.name)).toEqual(['backup-2026-09-01T03-00-00-000Z', 'backup-2026-09-01T02-00-00-000Z']);
    await storage.close();
  });
});
