import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType } from '../../model/index.ts';
import type { ChangeRow, UpdateRow } from '../storage/port.ts';
import type { CollectedChange } from './change-collector.ts';
import { Connection } from './connection.ts';
import { COMPENSATION_ORIGIN, ServerAction } from './room-contract.ts';

/** An applied update waiting for its commit. */
export interface PendingUpdate {
  row: UpdateRow;
  from: Connection | null;
  /** The transaction origin that produced it. */
  origin: unknown;
}

/** The pending row of an update just applied, attributed by its transaction origin. */
export function pendingUpdate(update: Uint8Array, origin: unknown, now: number): PendingUpdate {
  const from = origin instanceof Connection ? origin : null;
  const action = origin instanceof ServerAction ? origin : null;
  return {
    from,
    origin,
    row: {
      update,
      userId: from?.identity.userId ?? action?.userId ?? 'system',
      sessionId: from?.identity.sessionId ?? action?.sessionId ?? 'system',
      clientTime: from && from.clockOffsetMs !== null ? now + from.clockOffsetMs : null,
      serverTime: now,
    },
  };
}

/**
 * PROTO-12: a batch goes out as one update, so a refused change and its compensation arrive
 * together and no peer ever shows the refused value. A sender does not get its own updates back.
 */
export function broadcastBatch(conns: ReadonlySet<Connection>, batch: readonly PendingUpdate[]): void {
  const message = updateMessage;
  // Merging costs: only a batch holding a compensation needs to travel as one update.
  if (!batch.some((b) => b.origin === COMPENSATION_ORIGIN)) {
    for (const b of batch) {
      const m = message(b.row.update);
      for (const c of conns) if (c !== b.from) c.send(m);
    }
    return;
  }
  const all = message(Y.mergeUpdates(batch.map((b) => b.row.update)));
  const senders = new Set(batch.map((b) => b.from).filter((c): c is Connection => c !== null));
  for (const c of conns) {
    if (!senders.has(c)) c.send(all);
    else {
      const others = batch.filter((b) => b.from !== c).map((b) => b.row.update);
      if (others.length > 0) c.send(message(others.length === 1 ? others[0] : Y.mergeUpdates(others)));
    }
  }
}

/** One message to every connection of a room. */
export function sendAll(conns: Iterable<Connection>, message: Uint8Array): void {
  for (const c of conns) c.send(message);
}

/** The sync message carrying one update. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.sync);
  syncProtocol.writeUpdate(enc, update);
  return encoding.toUint8Array(enc);
}

/** Who a change row is attributed to, and when its writer made it. */
export type RowAuthor = (
  c: CollectedChange,
  serverTime: number,
) => Pick<ChangeRow, 'userId' | 'asSubstitute' | 'clientTime' | 'clockOffsetMs' | 'note'>;

/** HIST-1: the change rows of an update's changed paths, with the value before and after. */
export function changeRows(changes: readonly CollectedChange[], serverTime: number, who: RowAuthor): ChangeRow[] {
  return changes.map((c) => ({
    path: `${c.map}/${c.key}`,
    oldValue: c.oldValue,
    newValue: c.newValue,
    serverTime,
    ...who(c, serverTime),
  }));
}
