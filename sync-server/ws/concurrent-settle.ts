import * as Y from 'yjs';
import type { Decision, JournalChange, JsonValue, RejectReason } from '../../model/index.ts';
import type { ChangeRow } from '../storage/port.ts';
import type { CollectedChange } from './change-collector.ts';
import { clientTimeOf } from './change-time.ts';
import { outcomesOf, rescuePlaceOf, type UnseenOverwrite } from './concurrent-writes.ts';
import type { Connection } from './connection.ts';

/** What settling needs of the room: its rules, its attributed writes and its messages. */
export interface SettleRoom {
  doc: Y.Doc;
  /**
   * Whose value an item shows: its client id's user (PROTO-10), or whom the server wrote it for; a
   * compensation or a value written again shows the value of the person it stands in for (SYNC-11).
   */
  userOf(client: number, clock: number): string | undefined;
  authorize(conn: Connection, changes: JournalChange[]): Decision[];
  /** Writes on a person's behalf, recorded in the history under them with a note. */
  writeAs(userId: string, sessionId: string, note: string, fn: () => void): void;
  /** Refuses a change of `conn`'s: told at once, kept for the deputy (PROTO-11). */
  refuse(conn: Connection, change: JournalChange, reason: RejectReason, detail: string): void;
  /** Tells `userId` (every connection of theirs in the room) and keeps it for the deputy. */
  replaced(userId: string, change: JournalChange, detail: string): void;
}

export const RESCUE_NOTE = 'одновременная запись в ту же ячейку: отметка поставлена на свободное место рядом';

const shown = (v: JsonValue): string => {
  if (Array.isArray(v)) return String(v[0]);
  if (typeof v === 'object' && v !== null && 'v' in v) return String(v.v);
  return typeof v === 'string' ? v : JSON.stringify(v);
};

/**
 * SYNC-9, MARK-8: after an update is applied, authorized and compensated, nothing an accepted
 * writer wrote is lost without trace. A mark that lost its key to a concurrent mark moves to a
 * free place of the same cell, under its own writer (a writer who may not write it is refused as
 * usual). A single value (a topic, an absence, a final) can hold only one: the other stays in
 * the history, and the person whose value was replaced is told «ваше значение заменено: …».
 */
export function settleConcurrentWrites(
  room: SettleRoom,
  conn: Connection,
  overwrites: readonly UnseenOverwrite[],
  changes: readonly CollectedChange[],
  decisions: readonly Decision[],
): void {
  for (const o of outcomesOf(overwrites, room.doc)) {
    const { map, key } = o.overwrite;
    const i = changes.findIndex((c) => c.map === map && c.key === key);
    // This update's value was refused: the compensation put the earlier one back, and the refusal is the writer's answer.
    if (i >= 0 && !decisions[i].allowed) continue;
    // This update's value won: nothing of its writer's to settle unless it was accepted.
    if (!o.writtenLost && i < 0) continue;
    const loser = o.writtenLost ? conn.identity.userId : (room.userOf(o.overwrite.beforeClient, o.overwrite.beforeClock) ?? 'system');
    const rescue = rescuePlaceOf(room.doc, o);
    if (rescue) {
      const moved: JournalChange = { map, key: rescue.key, oldValue: undefined, newValue: o.lost };
      if (o.writtenLost) {
        const [d] = room.authorize(conn, [moved]);
        if (!d.allowed) {
          room.refuse(conn, moved, d.reason, d.detail);
          continue;
        }
      }
      const session = o.writtenLost ? conn.identity.sessionId : 'system';
      room.writeAs(loser, session, RESCUE_NOTE, () => room.doc.getMap(map).set(rescue.key, structuredClone(o.lost)));
      continue;
    }
    const change: JournalChange = { map, key, oldValue: o.kept, newValue: o.lost };
    room.replaced(loser, change, `ваше значение заменено: «${shown(o.lost)}» → «${shown(o.kept)}» (записано одновременно)`);
  }
}

/** SYNC-9: the history row of a value that lost to a concurrent one, beside the row of the one kept. */
export function lostValueRow(conn: Connection, c: JournalChange, serverTime: number): ChangeRow {
  return {
    path: `${c.map}/${c.key}`,
    oldValue: c.oldValue,
    newValue: c.newValue,
    serverTime,
    userId: conn.identity.userId,
    asSubstitute: false,
    clientTime: clientTimeOf(conn, c, serverTime),
    clockOffsetMs: conn.clockOffsetMs,
    note: `не сохранено: одновременно записано «${shown(c.oldValue as JsonValue)}»`,
  };
}
