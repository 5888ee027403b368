import type * as Y from 'yjs';
import { parseDocName, readSchoolMeta, type IsoDate } from '../model/index.ts';

/** A stored school year as the server relates it to the one it serves. */
export interface SchoolYearEntry {
  name: string;
  yearId: string;
  title: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  /** YEAR-22: `past` — closed, read-only; `current` — the year served; `next` — prepared ahead (YEAR-16). */
  relation: 'past' | 'current' | 'next';
}

/** What the index reads: the stored documents' names, and one at its committed state. */
export interface StoredDocs {
  names(): Promise<string[]>;
  doc(name: string): Promise<Y.Doc | null>;
}

/**
 * YEAR-22: the school years in the store beside the current one, read from their stored
 * documents (never rooms): the years before it are past and read-only, one that begins after it
 * is the next year being prepared.
 */
export async function schoolYears(stored: StoredDocs, currentName: string): Promise<SchoolYearEntry[]> {
  const current = await stored.doc(currentName);
  const currentStart = (current && readSchoolMeta(current)?.startsOn) ?? '';
  const out: SchoolYearEntry[] = [];
  for (const name of await stored.names()) {
    const parsed = parseDocName(name);
    if (parsed?.kind !== 'school') continue;
    const doc = name === currentName ? current : await stored.doc(name);
    const meta = doc && readSchoolMeta(doc);
    if (!meta) continue;
    const relation = name === currentName ? 'current' : meta.startsOn < currentStart ? 'past' : 'next';
    out.push({ name, yearId: parsed.yearId, title: meta.title, startsOn: meta.startsOn, endsOn: meta.endsOn, relation });
  }
  return out.sort((a, b) => a.startsOn.localeCompare(b.startsOn));
}
