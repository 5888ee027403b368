import type { JournalChange } from '../../model/index.ts';
import type { CollectedChange } from './change-collector.ts';
import type { Connection } from './connection.ts';

/**
 * The client's time of one change (HIST-1, PROTO-13): when the client said it was typed, else
 * its clock at arrival (server time + measured offset), else null. A typed time is never later
 * than the arrival by the same clock: a change cannot be made after the server received it.
 */
export function clientTimeOf(
  conn: Connection,
  change: JournalChange & { writer?: CollectedChange['writer'] },
  serverTime: number,
): number | null {
  const arrival = conn.clockOffsetMs !== null ? serverTime + conn.clockOffsetMs : null;
  const typed = change.writer ? conn.editTimes?.timeOf(change.writer.client, change.writer.clock) : undefined;
  if (typed === undefined) return arrival;
  return arrival !== null ? Math.min(typed, arrival) : typed;
}
