import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { messageAuth, messageAwareness, messageQueryAwareness, messageSync } from 'y-websocket';
import { describe, expect, it } from 'vitest';
import {
  CloseCode,
  decodeStateVector,
  encodeAck,
  encodeReject,
  EXTENSIONS_PARAM,
  FINAL_CLOSE_CODES,
  lessonId,
  MAX_UPDATE_BYTES,
  MessageType,
  pendingChanges,
  readAck,
  readReject,
  RejectReason,
  setAbsence,
  setLessonField,
  setMark,
  type Rejection,
} from '../../model/index.ts';
import { ALGEBRA, d, grp, mark, newJournal, sid } from './fixtures.ts';

const L = lessonId(d('2024-09-03'), 2, ALGEBRA, grp('all'));
const sv = (doc: Y.Doc) => decodeStateVector(Y.encodeStateVector(doc));

/** What a client reads from the server's ack of `server`'s stored state. */
function ackOf(server: Y.Doc): Map<number, number> {
  const dec = decoding.createDecoder(encodeAck(Y.encodeStateVector(server)));
  expect(decoding.readVarUint(dec)).toBe(MessageType.ack);
  return decodeStateVector(readAck(dec));
}

describe('wire protocol', () => {
  it('PROTO-1: the standard y-websocket message types 0–3 are unchanged; ours do not collide', () => {
    expect([MessageType.sync, MessageType.awareness, MessageType.auth, MessageType.queryAwareness]).toEqual([
      messageSync,
      messageAwareness,
      messageAuth,
      messageQueryAwareness,
    ]);
    const ours = Object.values(MessageType).filter((t) => t > 3);
    expect(ours.every((t) => t >= 100)).toBe(true);
    expect(new Set(Object.values(MessageType)).size).toBe(Object.values(MessageType).length);
  });

  it('PROTO-2: the extension messages are asked for with ?ext=1', () => {
    expect(EXTENSIONS_PARAM).toBe('ext');
    expect(new URL(`ws://h/sync/x?${EXTENSIONS_PARAM}=1`).searchParams.get('ext')).toBe('1');
  });

  it('PROTO-3: an ack carries the committed state vector and reads back byte for byte', () => {
    const doc = newJournal();
    setMark(doc, L, sid('st1'), 0, mark(5));
    const vector = Y.encodeStateVector(doc);
    const dec = decoding.createDecoder(encodeAck(vector));
    expect(decoding.readVarUint(dec)).toBe(MessageType.ack);
    expect(readAck(dec)).toEqual(vector);
    expect(decoding.hasContent(dec)).toBe(false);
    const empty = decoding.createDecoder(encodeAck(Y.encodeStateVector(new Y.Doc())));
    decoding.readVarUint(empty);
    expect(decodeStateVector(readAck(empty)).size).toBe(0);
  });

  it('PROTO-4: the update size limit is 2 MiB', () => {
    expect(MAX_UPDATE_BYTES).toBe(2 * 1024 * 1024);
  });

  it('PROTO-6: a reject round trips its reason and detail, Russian text included', () => {
    for (const r of [
      { reason: RejectReason.readOnly, detail: 'marks:20240903.2.alg.all:st1:0' },
      { reason: RejectReason.tooLarge, detail: `${MAX_UPDATE_BYTES + 1} байт` },
      { reason: RejectReason.malformed, detail: '' },
    ] satisfies Rejection[]) {
      const dec = decoding.createDecoder(encodeReject(r));
      expect(decoding.readVarUint(dec)).toBe(MessageType.reject);
      expect(readReject(dec)).toEqual(r);
    }
  });

  it('PROTO-7: the client stops reconnecting after unauthenticated, forbidden and not found only', () => {
    expect([...FINAL_CLOSE_CODES].sort()).toEqual([CloseCode.unauthenticated, CloseCode.forbidden, CloseCode.notFound].sort());
    for (const code of [CloseCode.normal, CloseCode.goingAway, CloseCode.malformed, CloseCode.tooLarge, CloseCode.storageFailed])
      expect(FINAL_CLOSE_CODES.has(code), String(code)).toBe(false);
    for (const code of Object.values(CloseCode).filter((c) => c >= 4000)) expect(code).toBeLessThan(5000);
  });
});

describe('pending changes', () => {
  it('PROTO-5: every local edit not covered by an ack counts one, and an ack of everything leaves none', () => {
    const client = newJournal();
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    expect(pendingChanges(sv(client), ackOf(server))).toBe(0);
    setMark(client, L, sid('st1'), 0, mark(5));
    setAbsence(client, L, sid('st2'), 'absent');
    setLessonField(client, L, 'topic', 'Длинная тема урока с русским текстом');
    expect(pendingChanges(sv(client), ackOf(server))).toBe(3);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    expect(pendingChanges(sv(client), ackOf(server))).toBe(0);
  });

  it('PROTO-5, DOC-3: removals count as changes too', () => {
    const client = newJournal();
    const server = new Y.Doc();
    setMark(client, L, sid('st1'), 0, mark(5));
    setAbsence(client, L, sid('st1'), 'late');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    setMark(client, L, sid('st1'), 0, null);
    setAbsence(client, L, sid('st1'), null);
    expect(pendingChanges(sv(client), ackOf(server))).toBe(2);
    setMark(client, L, sid('st1'), 0, null); // already removed: no change
    expect(pendingChanges(sv(client), ackOf(server))).toBe(2);
  });

  it('PROTO-5: an ack of an older state covers only what it had; a stale ack never makes the count negative', () => {
    const client = newJournal();
    const server = new Y.Doc();
    setMark(client, L, sid('st1'), 0, mark(5));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const older = ackOf(server);
    setMark(client, L, sid('st1'), 1, mark(4));
    setMark(client, L, sid('st1'), 2, mark(3));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const newer = ackOf(server);
    setMark(client, L, sid('st1'), 3, mark(2));
    expect(pendingChanges(sv(client), older)).toBe(3);
    expect(pendingChanges(sv(client), newer)).toBe(1);
    expect(pendingChanges(new Map([[1, 5]]), new Map([[1, 9]]))).toBe(0);
  });

  it('PROTO-5: edits of other replicas that came through the server are covered by its ack', () => {
    const a = newJournal();
    const b = new Y.Doc();
    const server = new Y.Doc();
    setMark(b, L, sid('st2'), 0, mark(4));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(server));
    setMark(a, L, sid('st1'), 0, mark(5));
    expect(pendingChanges(sv(a), ackOf(server))).toBe(1);
  });

  it('PROTO-5: one transaction of many edits counts each edit', () => {
    const client = newJournal();
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    client.transact(() => {
      for (let i = 0; i < 30; i++) setMark(client, L, sid(`st${i}`), 0, mark(4));
    });
    expect(pendingChanges(sv(client), ackOf(server))).toBe(30);
  });
});
