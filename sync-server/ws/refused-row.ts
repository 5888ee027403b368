import { randomId, type JournalChange, type RejectReason } from '../../model/index.ts';
import type { RefusedChange } from '../storage/port.ts';
import { clientTimeOf } from './change-time.ts';
import type { Connection } from './connection.ts';

/**
 * PROTO-11: the stored form of a refused change (or, SYNC-9, of a value replaced by a concurrent
 * one), open for the deputy to apply or dismiss. `conn` is the writer's connection when the
 * change came from it; a replaced value's writer may not be connected at all.
 */
export function refusedRow(
  docName: string,
  conn: Connection | null,
  userId: string,
  c: JournalChange,
  reason: RejectReason,
  detail: string,
  now: number,
): RefusedChange {
  return {
    id: randomId(12),
    docName,
    path: `${c.map}/${c.key}`,
    value: c.newValue,
    oldValue: c.oldValue,
    userId,
    sessionId: conn?.identity.sessionId ?? 'system',
    reason,
    detail,
    clientTime: conn ? clientTimeOf(conn, c, now) : null,
    serverTime: now,
    state: 'open',
    resolvedBy: null,
    resolvedAt: null,
    resolution: null,
  };
}
