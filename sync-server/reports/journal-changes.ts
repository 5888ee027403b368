import type { TimedRow } from '../../model/index.ts';
import type { Storage } from '../storage/port.ts';

/** More rows than any class-year holds (a full year writes about 20,000 lesson and mark rows). */
const LIMIT = 1_000_000;

/**
 * The change rows monitoring judges (MON-2): every row of a journal's lessons and marks, in log
 * order, as plain data. Two range scans on the `(doc_name, path)` index; nothing else is read.
 */
export async function loadTimedRows(storage: Storage, docName: string): Promise<TimedRow[]> {
  const out: TimedRow[] = [];
  for (const pathPrefix of ['lessons/', 'marks/']) {
    for (const c of await storage.readChanges({ docName, pathPrefix, limit: LIMIT })) {
      out.push({ path: c.path, newValue: c.newValue, clientTime: c.clientTime, serverTime: c.serverTime, clockOffsetMs: c.clockOffsetMs });
    }
  }
  return out;
}
