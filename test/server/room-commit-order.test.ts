import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RejectReason, type Decision, type JournalChange } from '../../model/index.ts';
import type { Storage } from '../../sync-server/storage/port.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import type { Connection } from '../../sync-server/ws/connection.ts';
import { Room } from '../../sync-server/ws/room.ts';
import { Replica } from '../helpers/room-replica.ts';
import { waitFor } from '../helpers/wait-for.ts';

/**
 * PROTO-20, PROTO-11 at the room, on the real SQLite store whose commit is held at a gate: what a
 * room sends that depends on a commit waits for it. A sync answer holding another writer's update
 * not yet on disk would survive a crash that loses the update (the reader would later send it as
 * its own: «foreign client id»), and a reject would name a refused row that may never be written.
 */
describe('what waits for the commit', () => {
  let dir = '';
  let storage: Storage;
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A room over a store whose next `method` call waits until `open` is called. */
  function gatedRoom(method: 'appendUpdates' = 'appendUpdates') {
    dir = mkdtempSync(join(tmpdir(), 'journal-room-'));
    storage = openSqliteStorage(join(dir, 'journal.sqlite'));
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let reached!: () => void;
    const atGate = new Promise<void>((resolve) => (reached = resolve));
    const real = storage[method].bind(storage) as (...a: unknown[]) => Promise<never>;
    (storage as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      reached();
      await gate;
      return real(...args);
    };
    // Keys named "forbidden" are refused, as a rule of the journal would.
    const authorize = (_c: Connection, changes: JournalChange[]): Decision[] =>
      changes.map((c) =>
        c.key === 'forbidden' ? { allowed: false, reason: RejectReason.forbidden, detail: 'no' } : { allowed: true, asSubstitute: false },
      );
    // A full disk is expected here (PROTO-21); anything else fails the test.
    const events = { onIdle: () => {}, onError: (e: unknown) => (String(e).includes('disk is full') ? undefined : expect.fail(String(e))) };
    const room = new Room('journal/x/2026', new Y.Doc(), storage, events, { maps: ['meta'], clientIds: new Map(), authorize });
    return { room, open, atGate };
  }

  it('PROTO-20: a reader’s sync answer holding an update not yet committed is sent once it is', async () => {
    const { room, open, atGate } = gatedRoom('appendUpdates');
    const writer = new Replica('u-writer');
    const reader = new Replica('u-reader');
    room.join(writer.conn);
    room.receive(
      writer.conn,
      writer.update((d) => d.getMap('meta').set('topic', 'Дроби')),
    );
    await atGate;
    room.join(reader.conn);
    room.receive(reader.conn, reader.step1());
    expect(reader.answers, 'nothing uncommitted reaches the reader').toBe(0);
    expect(reader.doc.getMap('meta').get('topic')).toBeUndefined();
    open();
    await room.flush();
    expect(reader.answers).toBe(1);
    expect(reader.doc.getMap('meta').get('topic')).toBe('Дроби');
  });

  it('PROTO-20: with nothing waiting to be written, the answer goes at once', async () => {
    const { room } = gatedRoom('appendUpdates');
    const reader = new Replica('u-reader');
    room.join(reader.conn);
    room.receive(reader.conn, reader.step1());
    expect(reader.answers).toBe(1);
  });

  it('PROTO-11: a reject goes to its writer only once the refused change is on disk', async () => {
    // STORE-21: the refused change is committed with the updates of its room.
    const { room, open, atGate } = gatedRoom('appendUpdates');
    const writer = new Replica('u-writer');
    room.join(writer.conn);
    room.receive(
      writer.conn,
      writer.update((d) => d.getMap('meta').set('forbidden', 1)),
    );
    await atGate;
    expect(writer.rejects, 'no reject before its row is kept').toEqual([]);
    open();
    await room.flush();
    expect(writer.rejects.map((r) => r.reason)).toEqual([RejectReason.forbidden]);
    const kept = await storage.listRefused({ docName: 'journal/x/2026', state: 'open' });
    expect(kept.map((r) => r.id)).toEqual([writer.rejects[0].id]);
    expect(writer.doc.getMap('meta').get('forbidden'), 'the compensation reached the writer').toBeUndefined();
  });

  it('STORE-18: a refused value is kept neither in the log nor sent to peers; the accepted part of its update is', async () => {
    const { room, open } = gatedRoom();
    open();
    const writer = new Replica('u-writer');
    const peer = new Replica('u-peer');
    room.join(writer.conn);
    room.join(peer.conn);
    const big = 'ж'.repeat(300_000);
    room.receive(
      writer.conn,
      writer.update((d) => {
        d.getMap('meta').set('forbidden', big);
        d.getMap('meta').set('topic', 'Дроби');
      }),
    );
    await room.flush();
    expect(writer.rejects.map((r) => r.path)).toEqual(['meta/forbidden']);
    const logged = (await storage.readUpdates('journal/x/2026', 0)).reduce((n, u) => n + u.update.length, 0);
    expect(logged, 'the log keeps the update without the refused value').toBeLessThan(2_000);
    expect(peer.bytes, 'the peer never receives it').toBeLessThan(2_000);
    expect(peer.doc.getMap('meta').toJSON()).toEqual({ topic: 'Дроби' });
    // The log replays to the room's document.
    const replayed = new Y.Doc();
    for (const u of await storage.readUpdates('journal/x/2026', 0)) Y.applyUpdate(replayed, u.update);
    expect(replayed.getMap('meta').toJSON()).toEqual(room.doc.getMap('meta').toJSON());
  });

  it('PROTO-21: while the store cannot write (a full disk) nothing is acknowledged and the clients are told; once it writes, the ack comes', async () => {
    const { room, open } = gatedRoom();
    open();
    let full = true;
    const real = storage.appendUpdates.bind(storage);
    storage.appendUpdates = async (name, rows, extras) => {
      if (full) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return real(name, rows, extras);
    };
    const writer = new Replica('u-writer');
    const reader = new Replica('u-reader');
    room.join(writer.conn);
    room.join(reader.conn);
    room.receive(
      writer.conn,
      writer.update((d) => d.getMap('meta').set('topic', 'Дроби')),
    );
    await waitFor(() => expect(writer.storage).toEqual([false]));
    expect(reader.storage).toEqual([false]);
    const late = new Replica('u-late');
    room.join(late.conn);
    expect(late.storage, 'a client joining meanwhile is told at once').toEqual([false]);
    expect(writer.acks.filter((a) => (a.get(writer.doc.clientID) ?? 0) > 0)).toEqual([]);
    expect(reader.doc.getMap('meta').get('topic'), 'nothing unsaved reaches the others').toBeUndefined();
    full = false;
    await waitFor(() => expect(writer.storage).toEqual([false, true]));
    await waitFor(() => expect(writer.acks.at(-1)?.get(writer.doc.clientID)).toBe(1));
    expect(reader.doc.getMap('meta').get('topic')).toBe('Дроби');
    expect(late.storage).toEqual([false, true]);
  });
});
