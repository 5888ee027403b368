import type * as Y from 'yjs';
import { deadlineOf, judgeTimeliness, type Deadline, type Timeliness } from '../../model/index.ts';
import type { StoredChange } from '../storage/port.ts';

/** A change entered after its deadline (TIME-2…TIME-5), with the deadline and the clock that judged it. */
export interface LateEntry extends StoredChange {
  deadline: Deadline;
  timeliness: Timeliness;
}

/**
 * The late entries among a journal's changes: values entered (not removed — a removal is a
 * correction, in the corrections log) after the school's deadline for them, whose deadline
 * falls in `[from, to)`.
 */
export function lateEntries(changes: readonly StoredChange[], school: Y.Doc, from = -Infinity, to = Infinity): LateEntry[] {
  const out: LateEntry[] = [];
  for (const c of changes) {
    if (c.newValue === null || c.note !== null) continue;
    const slash = c.path.indexOf('/');
    const deadline = deadlineOf(c.path.slice(0, slash), c.path.slice(slash + 1), c.newValue, school);
    if (!deadline || deadline.at < from || deadline.at >= to) continue;
    const timeliness = judgeTimeliness(c, deadline);
    if (timeliness.late) out.push({ ...c, deadline, timeliness });
  }
  return out;
}
