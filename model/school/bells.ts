import type * as Y from 'yjs';
import { is, recordCollection } from '../doc/record-collection.ts';

/** One bell slot (урок №): its start and end, "08:30". */
export interface Bell {
  starts: string;
  ends: string;
}

const TIME = /^\d{2}:\d{2}$/;
export const bells = recordCollection<Bell>(
  'bells',
  (v): v is Bell => is.object(v) && is.string(v.starts) && TIME.test(v.starts) && is.string(v.ends) && TIME.test(v.ends),
);

/** SCH-3: bell slots in order of their number. */
export function bellSchedule(doc: Y.Doc): Array<{ slot: number; bell: Bell }> {
  return bells
    .all(doc)
    .map(([k, bell]) => ({ slot: Number(k), bell }))
    .sort((a, b) => a.slot - b.slot);
}
