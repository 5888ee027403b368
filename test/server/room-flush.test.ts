import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Storage } from '../../sync-server/storage/port.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { Room, ServerAction } from '../../sync-server/ws/room.ts';

/**
 * PROTO-3 for the routes: `Room.flush()` resolves only once what was pending is on disk, also
 * when it is called while another commit is in progress (a route applies a change, awaits the
 * flush, then answers). The store is the real SQLite one; its first commit is held back by a gate.
 */
describe('a room’s flush', () => {
  let dir = '';
  let storage: Storage;
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('PROTO-3: a flush called during another commit waits for it and commits what came after', async () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-room-'));
    storage = openSqliteStorage(join(dir, 'journal.sqlite'));
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let calls = 0;
    const append = storage.appendUpdates.bind(storage);
    // The first commit waits at the gate: the second flush is called while it is in progress.
    storage.appendUpdates = async (name, rows, extras) => {
      if (calls++ === 0) await gate;
      return append(name, rows, extras);
    };
    let idle = 0;
    const room = new Room(
      'school/x/2026',
      new Y.Doc(),
      storage,
      {
        onIdle: () => idle++,
        onError: (e) => {
          throw e;
        },
      },
      { maps: ['meta'], clientIds: new Map() },
    );
    const deputy = new ServerAction('u-deputy', 's-1', 'test');
    room.act(deputy, () => room.doc.getMap('meta').set('a', 1));
    const first = room.flush();
    room.act(deputy, () => room.doc.getMap('meta').set('b', 2));
    let secondDone = false;
    const second = room.flush().then(() => (secondDone = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondDone).toBe(false);
    open();
    await Promise.all([first, second]);
    const stored = new Y.Doc();
    for (const u of await storage.readUpdates('school/x/2026', 0)) Y.applyUpdate(stored, u.update);
    expect(stored.getMap('meta').toJSON()).toEqual({ a: 1, b: 2 });
    expect(room.hasUnsaved).toBe(false);
    expect(idle).toBeGreaterThan(0);
    room.destroy();
  });
});
