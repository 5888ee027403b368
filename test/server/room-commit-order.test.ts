import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType, readReject, RejectReason, type Decision, type JournalChange, type Rejection } from '../../model/index.ts';
import type { Storage } from '../../sync-server/storage/port.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { Connection } from '../../sync-server/ws/connection.ts';
import { Room } from '../../sync-server/ws/room.ts';

/** A socket that keeps what the room sends it: sync updates applied to a replica, rejects listed. */
class Replica {
  readonly doc = new Y.Doc();
  readonly rejects: Rejection[] = [];
  /** Sync step 2 answers received. */
  answers = 0;
  readonly conn: Connection;
  constructor(userId: string) {
    const socket = { send: (m: Uint8Array) => this.take(m), close: () => {}, isOpen: () => true };
    this.conn = new Connection(socket, { userId, sessionId: `s-${userId}`, name: userId, role: '', roles: [] }, 'write', true);
  }
  private take(m: Uint8Array): void {
    const dec = decoding.createDecoder(m);
    const type = decoding.readVarUint(dec);
    if (type === MessageType.reject) this.rejects.push(readReject(dec));
    if (type !== MessageType.sync) return;
    const sub = decoding.readVarUint(dec);
    if (sub === syncProtocol.messageYjsSyncStep2) this.answers++;
    if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate)
      Y.applyUpdate(this.doc, decoding.readVarUint8Array(dec));
  }
  /** The message the stock client sends on connecting: its state vector. */
  step1(): Uint8Array {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.sync);
    syncProtocol.writeSyncStep1(enc, this.doc);
    return encoding.toUint8Array(enc);
  }
  update(write: (doc: Y.Doc) => void): Uint8Array {
    const before = Y.encodeStateVector(this.doc);
    write(this.doc);
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.sync);
    syncProtocol.writeUpdate(enc, Y.encodeStateAsUpdate(this.doc, before));
    return encoding.toUint8Array(enc);
  }
}

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
  function gatedRoom(method: 'appendUpdates' | 'appendRefused') {
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
    const events = { onIdle: () => {}, onError: (e: unknown) => expect.fail(String(e)) };
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
    const { room, open, atGate } = gatedRoom('appendRefused');
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
});
