import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { allMarks, JOURNAL_SCHEMA_VERSION, readJournalMeta } from '../../model/index.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';

/**
 * DOC-4, MARK-8: a journal stored in layout 1 (before marks had places of their own) is brought
 * to layout 2 when the server loads it: its version is raised, every mark stays where it was,
 * and the client sees the new version.
 */
describe('a stored journal of an older layout (server)', () => {
  let server: TestServer;
  afterAll(async () => {
    await server?.dispose();
  });

  it('DOC-4: the server migrates a layout 1 journal on load and keeps every mark', async () => {
    const first = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const { dataDir, port } = first;
    await first.close();
    // The journal as an older server left it: layout 1.
    const storage = openSqliteStorage(join(dataDir, 'journal.sqlite'));
    const old = await loadStoredDoc(storage, J5B);
    const marksBefore = allMarks(old).length;
    const downgrade = new Y.Doc();
    Y.applyUpdate(downgrade, Y.encodeStateAsUpdate(old));
    const sv = Y.encodeStateVector(downgrade);
    downgrade.getMap('meta').set('schemaVersion', 1);
    const update = Y.encodeStateAsUpdate(downgrade, sv);
    await storage.appendUpdates(J5B, [{ update, userId: 'system', sessionId: 'system', clientTime: null, serverTime: Date.now() }]);
    expect(readJournalMeta(await loadStoredDoc(storage, J5B))?.schemaVersion).toBe(1);
    await storage.close();

    server = await startTestServer({ dataDir, port, now: first.clock.now });
    const client = connectClient(server, J5B, await server.login('teacher'));
    try {
      await synced(client);
      await waitFor(() => expect(readJournalMeta(client.doc)?.schemaVersion).toBe(JOURNAL_SCHEMA_VERSION));
      expect(allMarks(client.doc)).toHaveLength(marksBefore);
      await waitFor(async () => expect(readJournalMeta(await loadStoredDoc(server.storage, J5B))?.schemaVersion).toBe(2));
    } finally {
      client.destroy();
    }
  });
});
