import type * as Y from 'yjs';
import type { Decision, JournalChange, RejectReason } from '../../model/index.ts';
import { setOrDelete } from './change-collector.ts';
import { clientTimeOf } from './change-time.ts';
import { markUndone, writtenAgainBy } from './stand-ins.ts';
import type { Connection } from './connection.ts';
import { COMPENSATION_ORIGIN, ServerAction } from './room-contract.ts';
import type { RowAuthor } from './room-broadcast.ts';
import type { ShadowedWrite } from './shadowed-writes.ts';

/** What writing a hidden value again needs of the room. */
export interface WriteAgainRoom {
  readonly doc: Y.Doc;
  authorize(conn: Connection, changes: JournalChange[]): Decision[];
  refuse(conn: Connection, change: JournalChange, reason: RejectReason, detail: string): void;
  /** Runs `write` with the document's client id the acting id of `name` (acting-ids.ts). */
  runAs(name: string, write: () => void): void;
  /** Runs `write` (which transacts with `action`) and puts the changes it made on the history with `who`. */
  record(action: ServerAction, write: () => void, who: RowAuthor): void;
}

/**
 * SYNC-12: a value that landed hidden is still a change its writer made. One they may not make is
 * refused like any other (told at once, kept for the deputy) and marked undone (`markUndone`), so
 * that no later walk of the key takes it for a value of its own. Returns the keys refused.
 */
export function refuseHidden(room: WriteAgainRoom, conn: Connection, hidden: readonly ShadowedWrite[]): Set<string> {
  const refused = new Set<string>();
  if (hidden.length === 0) return refused;
  const wanted: JournalChange[] = hidden.map((h) => ({ map: h.map, key: h.key, oldValue: h.current, newValue: h.written }));
  room.authorize(conn, wanted).forEach((d, i) => {
    if (d.allowed) return;
    room.refuse(conn, wanted[i], d.reason, d.detail);
    markUndone(room.doc, hidden[i].item!, COMPENSATION_ORIGIN, (name, write) => room.runAs(name, write));
    refused.add(`${hidden[i].map}/${hidden[i].key}`);
  });
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
  console.log(
    'AGAIN',
    conn.identity.userId,
    JSON.stringify(wanted.map((w, i) => [w.key, w.oldValue, w.newValue, decisions[i].allowed, shadowed[i].item?.id])),
  );
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
        if (hidden) room.runAs(writtenAgainBy(userId, hidden), () => writeOne(c));
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
