import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPgStorage, type PgStorage } from '../../sync-server/storage/pg/pg-storage.ts';
import type { UpdateRow } from '../../sync-server/storage/port.ts';
import { PgTestSpace, requirePostgres } from '../helpers/pg-test-database.ts';

const space = new PgTestSpace();
const reachable = await requirePostgres(space.url);

function someUpdates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) doc.getMap('marks').set(`k${i}`, i);
  return out;
}
const row = (update: Uint8Array): UpdateRow => ({ update, userId: 'u1', sessionId: 's1', clientTime: null, serverTime: 1 });

/** STORE-20 and STORE-PG-3 on PostgreSQL: the group commit, and seqs numbered by the database. */
describe.skipIf(!reachable)('PostgreSQL group commit', () => {
  const stores: PgStorage[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await space.dropAll();
  });

  it('STORE-20: appends of many documents made while a batch commits share the next one; each gets its own seqs', async () => {
    const storage = await openPgStorage(space.url, { schema: space.schema(), max: 2 });
    stores.push(storage);
    const ups = someUpdates(3);
    // 20 journals, 3 appends each, all made at once as 20 rooms' flushes would be.
    const appends = Array.from({ length: 20 }, (_, d) => ups.map((u) => storage.appendUpdates(`journal/${d}/2026`, [row(u)])));
    const seqs = await Promise.all(appends.map((doc) => Promise.all(doc)));
    expect(seqs.every((s) => s.join() === '1,2,3')).toBe(true);
    expect(storage.commitStats.appends).toBe(60);
    expect(storage.commitStats.batches).toBeLessThanOrEqual(2);
    // A second wave while the store is idle, one more batch.
    await Promise.all([storage.appendUpdates('journal/0/2026', [row(ups[0])]), storage.appendUpdates('journal/1/2026', [row(ups[1])])]);
    expect(storage.commitStats.appends).toBe(62);
    expect((await storage.lastSeqs()).get('journal/0/2026')).toBe(4);
  });

  it('STORE-21: in one batch, a failing append loses its refused changes and bindings alone; the others keep theirs', async () => {
    const storage = await openPgStorage(space.url, { schema: space.schema(), max: 2 });
    stores.push(storage);
    const [u] = someUpdates(1);
    const refused = (id: string, docName: string) => ({
      id,
      docName,
      path: 'marks/x',
      value: 5,
      oldValue: undefined,
      userId: 'u1',
      sessionId: 's1',
      reason: 'forbidden',
      detail: '',
      clientTime: null,
      serverTime: 1,
      state: 'open' as const,
      resolvedBy: null,
      resolvedAt: null,
      resolution: null,
    });
    const bad = { ...row(u), userId: undefined as unknown as string };
    const results = await Promise.allSettled([
      storage.appendUpdates('d/a/1', [row(u)], { refused: [refused('ra', 'd/a/1')], bindings: [[1, 'u1']] }),
      storage.appendUpdates('d/b/1', [bad], { refused: [refused('rb', 'd/b/1')], bindings: [[2, 'u1']] }),
      storage.appendUpdates('d/c/1', [], { bindings: [[3, 'u1']] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(storage.commitStats.batches).toBe(1);
    expect(await storage.findRefused('ra')).not.toBeNull();
    expect(await storage.findRefused('rb')).toBeNull();
    expect(await storage.loadClientIds('d/b/1')).toEqual(new Map());
    expect(await storage.loadClientIds('d/c/1')).toEqual(new Map([[3, 'u1']]));
    // Bindings alone make no document.
    expect(await storage.listDocuments()).toEqual(['d/a/1']);
  });

  it('STORE-PG-3: two processes appending to one document get every seq once, with no gap', async () => {
    const schema = space.schema();
    const a = await openPgStorage(space.url, { schema, max: 2 });
    const b = await openPgStorage(space.url, { schema, max: 2 });
    stores.push(a, b);
    const ups = someUpdates(40);
    const results = await Promise.all(ups.map((u, i) => (i % 2 ? a : b).appendUpdates('journal/5b/2026', [row(u), row(u)])));
    expect([...results].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => 2 * (i + 1)));
    const stored = await a.readUpdates('journal/5b/2026', 0);
    expect(stored.map((u) => u.seq)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
  });

  it('STORE-PG-4: a map key with a NUL character (text PostgreSQL cannot hold) never makes a commit fail', async () => {
    const storage = await openPgStorage(space.url, { schema: space.schema(), max: 2 });
    stores.push(storage);
    const [a] = someUpdates(1);
    const change = { path: 'marks/x\u0000y', oldValue: undefined, newValue: 'a\u0000b', userId: 'u1', asSubstitute: false };
    const stamped = { ...change, clientTime: null, serverTime: 1, clockOffsetMs: null, note: 'n\u0000' };
    expect(await storage.appendUpdates('journal/5b/2026', [{ ...row(a), changes: [stamped] }])).toBe(1);
    const [read] = await storage.readChanges({ docName: 'journal/5b/2026', path: 'marks/x\u0000y' });
    expect(read).toMatchObject({ path: 'marks/x\uFFFDy', newValue: 'a\u0000b', note: 'n\uFFFD' });
    await storage.appendRefused([
      {
        id: 'r1',
        docName: 'journal/5b/2026',
        path: 'marks/\u0000',
        value: '\u0000',
        oldValue: undefined,
        userId: 'u1',
        sessionId: 's1',
        reason: 'invalid-value',
        detail: 'bad \u0000',
        clientTime: null,
        serverTime: 1,
        state: 'open',
        resolvedBy: null,
        resolvedAt: null,
        resolution: null,
      },
    ]);
    expect(await storage.findRefused('r1')).toMatchObject({ path: 'marks/\uFFFD', value: '\u0000', detail: 'bad \uFFFD' });
  });
});
