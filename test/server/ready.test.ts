import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** OPS-1: alive (`/api/health`) and ready (`/api/ready`) are told apart for a load balancer. */
describe('ready', () => {
  let server: TestServer;
  afterEach(async () => server?.dispose());

  it('OPS-1: /api/ready answers 200 while the store answers and 503 while it does not; /api/health stays 200', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'journal-ready-'));
    const storage = openSqliteStorage(join(dataDir, 'journal.sqlite'));
    let gone = false;
    const ping = storage.ping.bind(storage);
    storage.ping = async () => {
      if (gone) throw new Error('the store does not answer');
      return ping();
    };
    server = await startTestServer({ dataDir, storage });
    const get = async (path: string) => {
      const res = await fetch(`${server.origin}${path}`);
      return { status: res.status, body: (await res.json()) as unknown };
    };
    expect(await get('/api/ready')).toEqual({ status: 200, body: { ok: true, store: 'ok', jobs: true } });
    gone = true;
    expect(await get('/api/ready')).toEqual({ status: 503, body: { ok: false, store: 'unreachable', jobs: true } });
    expect((await get('/api/health')).status).toBe(200);
    gone = false;
    expect((await get('/api/ready')).status).toBe(200);
  });
});
