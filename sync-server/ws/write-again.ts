import * as Y from 'yjs';
import type { Decision, JournalChange, RejectReason } from '../../model/index.ts';
import { setOrDelete } from './change-collector.ts';
import { clientTimeOf } from './change-time.ts';
import { hiddenBehindStandIns, isUndone } from './hidden-values.ts';
import { markOwnUndone, markUndone, personOf, writtenAgainBy } from './stand-ins.ts';
import type { Connection } from './connection.ts';
import { COMPENSATION_ORIGIN, ServerAction } from './room-contract.ts';
import type { RowAuthor } from './room-broadcast.ts';
import { findShadowedWrites, type ShadowedWrite } from './shadowed-writes.ts';

/** What writing a hidden value again needs of the room. */
export interface WriteAgainRoom {
  readonly doc: Y.Doc;
  /** The room's client-id bindings (PROTO-10): who each client id writes for. */
  readonly bound: ReadonlyMap<number, string>;
  authorize(conn: Connection, changes: JournalChange[]): Decision[];
  refuse(conn: Connection, change: JournalChange, reason: RejectReason, detail: string): void;
  /** Runs `write` with the document's client id the acting id of `name` (acting-ids.ts). */
  runAs(name: string, write: () => void): void;
  /** Runs `write` (which transacts with `action`) and puts the changes it made on the history with `who`. */
  record(action: ServerAction, write: () => void, who: RowAuthor): void;
}

/**
 * SYNC-12: a value that landed hidden is still a change its writer made. One they may not make is
 * refused like any other (told at once, kept for the deputy) and marked undone, with the update's
 * other values under the key (`markOwnUndone`), so that no later walk of the key takes one for a
 * value of its own. Returns the keys refused.
 */
export function refuseHidden(
  room: WriteAgainRoom,
  conn: Connection,
  structs: ReadonlyArray<Y.Item | Y.GC>,
  hidden: readonly ShadowedWrite[],
): Set<string> {
  const refused = new Set<string>();
  if (hidden.length === 0) return refused;
  const wanted: JournalChange[] = hidden.map((h) => ({ map: h.map, key: h.key, oldValue: h.current, newValue: h.written }));
  room.authorize(conn, wanted).forEach((d, i) => {
    if (d.allowed) return;
    room.refuse(conn, wanted[i], d.reason, d.detail);
    refused.add(`${hidden[i].map}/${hidden[i].key}`);
  });
  markOwnUndone(room.doc, structs, refused, new Set(), COMPENSATION_ORIGIN, (name, write) => room.runAs(name, write));
  return refused;
}

/**
 * SYNC-10, SYNC-12: values (or deletions) of the writer's update that did not take only because of
 * a deletion they never saw or a stand-in are written again as theirs, each value under an acting
 * id that names the hidden item it stands for (stand-ins.ts): authorized as any change of theirs,
 * recorded in the history under them with their edit time.
 * A hidden value the writer may not write is refused as usual and marked undone (`markUndone`),
 * so that no later walk of the key takes it for what the key should show.
 */
export function writeAgain(room: WriteAgainRoom, conn: Connection, shadowed: readonly ShadowedWrite[]): void {
  const wanted: JournalChange[] = shadowed.map((w) => ({ map: w.map, key: w.key, oldValue: w.current, newValue: w.written }));
  const decisions = room.authorize(conn, wanted);
  const allowed = wanted.filter((c, i) => {
    const d = decisions[i];
    if (d.allowed) return true;
    room.refuse(conn, c, d.reason, d.detail);
    const hidden = shadowed[i].item;
    if (hidden) markUndone(room.doc, hidden, COMPENSATION_ORIGIN, (name, write) => room.runAs(name, write));
    return false;
  });
  if (allowed.length === 0) return;
  const { userId, sessionId } = conn.identity;
  const action = new ServerAction(userId, sessionId, '');
  const hiddenOf = (c: JournalChange) => shadowed.find((w) => w.map === c.map && w.key === c.key)?.item;
  const writeOne = (c: JournalChange) => setOrDelete(room.doc.getMap(c.map), c.key, c.newValue);
  const write = () =>
    room.doc.transact(() => {
      for (const c of allowed) {
        const hidden = hiddenOf(c);
        if (hidden) room.runAs(writtenAgainBy(userId, hidden, room.bound), () => writeOne(c));
        else writeOne(c);
      }
    }, action);
  const asSubstitute = (c: JournalChange) => {
    const i = wanted.findIndex((w) => w.map === c.map && w.key === c.key);
    return i >= 0 && decisions[i].allowed && (decisions[i] as { asSubstitute: boolean }).asSubstitute;
  };
  room.record(action, write, (c, serverTime) => ({
    userId,
    asSubstitute: asSubstitute(c),
    clientTime: clientTimeOf(conn, c, serverTime),
    clockOffsetMs: conn.clockOffsetMs,
    note: null,
  }));
}

/**
 * CLU-1, SYNC-10, SYNC-12: a value that another process committed (it decided the rights) and that
 * lands hidden here behind a refused value's removal or a stand-in is written again as its
 * writer's, by this process: the committing one met neither. A value that process refused is left.
 */
export function writeAgainRemote(room: WriteAgainRoom, update: Uint8Array): void {
  const { bound } = room;
  const { structs, ds } = Y.decodeUpdate(update);
  const none = new Set<string>();
  // A value written again that this process never met is another process's commit, its own value here.
  const hidden = [...findShadowedWrites(structs, ds, room.doc, none), ...hiddenBehindStandIns(structs, ds, room.doc, none, bound, true)];
  for (const w of hidden) {
    if (!w.item || isUndone(w.item, bound)) continue;
    const userId = personOf(bound.get(w.item.id.client)) ?? 'system';
    const action = new ServerAction(userId, 'system', '');
    const write = () => room.doc.transact(() => setOrDelete(room.doc.getMap(w.map), w.key, w.written), action);
    room.record(
      action,
      () => room.runAs(writtenAgainBy(userId, w.item!, bound), write),
      () => ({
        userId,
        asSubstitute: false,
        clientTime: null,
        clockOffsetMs: null,
        note: null,
      }),
    );
  }
}
