import type * as Y from 'yjs';
import { deadlineOf, judgeTimeliness, type TimedChange } from '../timeliness/deadline.ts';

/**
 * One stored change row as far as monitoring needs it (`changes` rows, HIST-1): the path
 * (`map/key`), the value written (null = removed), and both clocks.
 */
export interface TimedRow extends TimedChange {
  path: string;
  newValue: unknown;
}

/** Whether an entry was made on time (TIME-2, TIME-5), late, or cannot be told (no change row). */
export type EntryVerdict = 'on-time' | 'late' | 'unknown';

const isEmpty = (v: unknown) => v === null || v === undefined || v === '';

/**
 * MON-2: when each entry of a journal was made: per path, the change row that last turned it from
 * empty (absent, removed, '') into a value — a later correction of that value does not move it.
 * Rows must be in log order (as `readChanges` gives them).
 *
 * @example entryRows(rows).get('lessons/261103.2.math:topic') // the row that first set the topic
 */
export function entryRows(rows: readonly TimedRow[]): Map<string, TimedRow> {
  const out = new Map<string, TimedRow>();
  for (const r of rows) {
    if (isEmpty(r.newValue)) out.delete(r.path);
    else if (!out.has(r.path)) out.set(r.path, r);
  }
  return out;
}

/**
 * MON-2: whether the entry at `map/key` (holding `value` now) was made by its deadline (TIME-2),
 * judged by the clock TIME-5 chooses; `unknown` when no change row made it (written when the
 * journal was loaded or imported) or the school sets no deadline for it.
 */
export function entryVerdict(
  map: string,
  key: string,
  value: unknown,
  entries: ReadonlyMap<string, TimedRow>,
  school: Y.Doc,
): EntryVerdict {
  const row = entries.get(`${map}/${key}`);
  const deadline = row ? deadlineOf(map, key, value, school) : null;
  if (!row || !deadline) return 'unknown';
  return judgeTimeliness(row, deadline).late ? 'late' : 'on-time';
}
