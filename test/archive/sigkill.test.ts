import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { change, pageLessons, setLessonField, WHOLE_CLASS, type ClassId, type LessonId, type SubjectId } from '../../model/index.ts';
import { login, prepareDataDir, spawnServer, type ServerProcess } from '../../bench/data-dir.ts';
import { exportArchive } from '../../sync-server/archive/export.ts';
import { replayLog } from '../../sync-server/archive/replay.ts';
import { verifyArchive } from '../../sync-server/archive/verify.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { loadStoredDoc } from '../helpers/demo-facts.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const JOURNAL = 'journal/5b/2026';
const ROUNDS = 5;

/** The stored state vector of a document: its whole log replayed. */
async function storedStateVector(dataDir: string): Promise<Map<number, number>> {
  const storage = openSqliteStorage(join(dataDir, 'journal.sqlite'));
  try {
    return Y.decodeStateVector(replayLog((await storage.readUpdates(JOURNAL, 0)).map((u) => u.update)).stateVector);
  } finally {
    await storage.close();
  }
}

/**
 * The server in its own process, killed with SIGKILL in the middle of writes and snapshots,
 * again and again (ARC-15): whatever a client was told is saved (PROTO-3's ack) is in the store
 * after the kill, and the signed chain of every document still verifies.
 */
describe('SIGKILL during writes', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('ARC-15: no acknowledged update is lost and the chain never breaks over 5 kills', async () => {
    const dataDir = await prepareDataDir();
    dirs.push(dataDir);
    // Lessons of `teacher`'s own page, whatever day the clock reads: homework may be set ahead.
    let lessons: LessonId[];
    {
      const storage = openSqliteStorage(join(dataDir, 'journal.sqlite'));
      const school = await loadStoredDoc(storage, 'school/demo/2026');
      const journal = await loadStoredDoc(storage, JOURNAL);
      lessons = pageLessons(school, journal, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS)
        .filter((l) => l.substituteId === null)
        .map((l) => l.id);
      await storage.close();
    }
    // Snapshots every few updates and often: the kills land inside snapshot writes too.
    const saved = { ...process.env };
    Object.assign(process.env, { SNAPSHOT_EVERY_UPDATES: '20', SNAPSHOT_POLL_SECONDS: '0.1', BACKUP_EVERY_HOURS: '0' });
    let acked = 0;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const port = 20_000 + Math.floor(Math.random() * 20_000);
        let server: ServerProcess | null = await spawnServer(dataDir, port);
        const clients: TestClient[] = [];
        let writer: NodeJS.Timeout | null = null;
        try {
          const cookie = await login(server.origin, 'teacher');
          for (let i = 0; i < 3; i++) clients.push(connectClient(server, JOURNAL, cookie, { ext: true }));
          await Promise.all(clients.map(synced));
          // Every write is a new text, so every write is a real change that the server must
          // acknowledge (a value equal to the stored one makes no update at all).
          let n = round * 100_000;
          writer = setInterval(() => {
            clients.forEach((c) => {
              const k = n++;
              const lesson = lessons[k % lessons.length];
              change(c.doc, 'test', () => setLessonField(c.doc, lesson, 'homework', `№ ${k}`));
            });
          }, 3);
          await waitFor(() => expect(clients.every((c) => c.acks.length > 5)).toBe(true));
          await new Promise((r) => setTimeout(r, 200 + Math.random() * 600));
          const exited = new Promise((r) => server!.child.once('exit', r));
          server.child.kill('SIGKILL');
          await exited;
          server = null;
          clearInterval(writer);
          // Every ack a client received before the kill names clocks that must be on disk.
          const stored = await storedStateVector(dataDir);
          for (const c of clients) {
            const ack = c.acks.at(-1)!;
            for (const [client, clock] of ack) expect(stored.get(client) ?? 0, `round ${round}`).toBeGreaterThanOrEqual(clock);
            acked += ack.get(c.doc.clientID) ?? 0;
          }
        } finally {
          if (writer) clearInterval(writer);
          for (const c of clients) c.destroy();
          if (server) server.child.kill('SIGKILL');
        }
      }
    } finally {
      for (const k of ['SNAPSHOT_EVERY_UPDATES', 'SNAPSHOT_POLL_SECONDS', 'BACKUP_EVERY_HOURS']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
    expect(acked).toBeGreaterThan(100);
    const out = join(dataDir, 'export');
    await exportArchive(dataDir, out, { classId: '5b' });
    const storage = openSqliteStorage(join(dataDir, 'journal.sqlite'), { readonly: true });
    expect((await storage.signedSnapshots(JOURNAL)).length).toBeGreaterThan(ROUNDS);
    await storage.close();
    expect(verifyArchive(out)).toEqual([]);
  }, 300_000);
});
