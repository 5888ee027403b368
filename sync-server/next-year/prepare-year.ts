import * as Y from 'yjs';
import { listStudents, type ClassId } from '../../model/index.ts';
import { prepareNextYear, type NextYear } from '../../model/school/next-year.ts';
import type { Departure } from '../../model/school/next-year-classes.ts';

/** What the preparation reads: the current school year's state and each journal's stored log. */
export interface PrepareInput {
  /** `Y.encodeStateAsUpdate` of the current school-year document. */
  school: Uint8Array;
  /** Each journal of the current year: its snapshot's state (if any), then its updates, in order. */
  journals: Array<{ classId: ClassId; updates: Uint8Array[] }>;
  /** Whoever prepares it: the new documents' transaction origin. */
  origin: string;
}

/** What it makes: the new documents as their first updates, and the summary the page shows (YEAR-20). */
export interface PrepareOutput {
  name: string;
  meta: NextYear['meta'];
  school: Uint8Array;
  journals: Array<{ classId: ClassId; update: Uint8Array }>;
  classes: Array<{ classId: ClassId; name: string; grade: number; from: ClassId | null; students: number }>;
  departures: Departure[];
}

/**
 * YEAR-16…YEAR-18 from bytes to bytes, so that it runs in a worker thread (next-year-thread.ts)
 * as well as here: the journals are replayed each in one transaction, the next year is built
 * (`prepareNextYear`), and the new documents come back encoded.
 */
export function prepareFromStored(input: PrepareInput): PrepareOutput {
  const docs: Y.Doc[] = [];
  const open = (updates: readonly Uint8Array[]) => {
    const doc = new Y.Doc();
    docs.push(doc);
    Y.transact(doc, () => {
      for (const u of updates) Y.applyUpdate(doc, u);
    });
    return doc;
  };
  try {
    const current = open([input.school]);
    const journals = new Map(input.journals.map((j) => [j.classId, open(j.updates)] as const));
    const next = prepareNextYear(current, journals, { origin: input.origin });
    docs.push(next.school, ...next.journals.values());
    return {
      name: next.name,
      meta: next.meta,
      school: Y.encodeStateAsUpdate(next.school),
      journals: [...next.journals].map(([classId, doc]) => ({ classId, update: Y.encodeStateAsUpdate(doc) })),
      classes: next.classes.map((p) => ({
        classId: p.id,
        name: p.class.name,
        grade: p.class.grade,
        from: p.cohort,
        students: listStudents(next.journals.get(p.id)!).length,
      })),
      departures: next.departures,
    };
  } finally {
    for (const d of docs) d.destroy();
  }
}
