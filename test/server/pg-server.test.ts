import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { asDate, change, lessonId, pendingChanges, setMark, type GroupId, type StudentId, type SubjectId } from '../../model/index.ts';
import { parseClockStart } from '../../sync-server/clock.ts';
import { readConfig } from '../../sync-server/config.ts';
import { startServer } from '../../sync-server/server.ts';
import { openPgStorage } from '../../sync-server/storage/pg/pg-storage.ts';
import { DEMO_FIXTURE_DAY, mathPage } from '../helpers/demo-facts.ts';
import { PgTestSpace, requirePostgres } from '../helpers/pg-test-database.ts';
import { startTestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';

const JOURNAL = 'journal/5b/2026';
const lesson = lessonId(asDate('2026-10-05'), 2, 'math' as SubjectId, 'all' as GroupId);

const space = new PgTestSpace();
const reachable = await requirePostgres(space.url);

/** The real server on PostgreSQL: a journal edit over a real WebSocket, acked, and read back after a restart. */
describe.skipIf(!reachable)('the server on PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'journal-pg-server-'));
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await space.dropAll();
  });

  it('STORE-PG-1: a mark synced over a WebSocket is acked after the PostgreSQL commit and is there after a restart', async () => {
    const schema = space.schema();
    // First start: the demo school seeded into an empty PostgreSQL schema.
    const first = await startTestServer({ at: DEMO_FIXTURE_DAY, dataDir, storage: await openPgStorage(space.url, { schema }) });
    const student = (await mathPage(first.storage, first.today())).students[0].id as StudentId;
    const a = connectClient(first, JOURNAL, await first.login('teacher'), { ext: true });
    try {
      await synced(a);
      change(a.doc, 'test', () => setMark(a.doc, lesson, student, 1, { v: 4, t: 'oral' as never, w: 1 }));
      const local = Y.decodeStateVector(Y.encodeStateVector(a.doc));
      await waitFor(() => expect(pendingChanges(local, a.acks.at(-1) ?? new Map())).toBe(0));
      const last = (await first.storage.readUpdates(JOURNAL, 0)).at(-1)!;
      expect(last.userId).toBe('u-teacher');
    } finally {
      a.destroy();
      await first.dispose();
    }

    // Restart through the configuration, as `DATABASE_URL` does: the schema is named in the URL.
    const url = new URL(space.url);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const second = await startServer(
      { ...readConfig({}), port: 0, host: '127.0.0.1', dataDir, staticDir: join(dataDir, 'no-client'), databaseUrl: url.toString() },
      { now: () => parseClockStart(DEMO_FIXTURE_DAY), log: () => {} },
    );
    const origin = `http://127.0.0.1:${second.port}`;
    const login = async (name: string) => {
      const res = await fetch(`${origin}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ login: name, password: 'demo' }),
      });
      expect(res.status).toBe(200);
      return (res.headers.get('set-cookie') ?? '').split(';')[0];
    };
    try {
      const b = connectClient({ origin }, JOURNAL, await login('teacher'), { ext: true });
      try {
        await synced(b);
        expect(b.doc.getMap('marks').get(`${lesson}:${student}:1`)).toBe('4|oral|1');
      } finally {
        b.destroy();
      }
      // ARC-18 on PostgreSQL: the administrator's export reads the server's store, not a journal.sqlite.
      const exported = await second.app.request('/api/admin/export?class=5b&year=2026', { headers: { cookie: await login('admin') } });
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toBe('application/zip');
    } finally {
      await second.close();
    }
  });
});
