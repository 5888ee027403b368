import type * as Y from 'yjs';
import type { ClassId, SchoolId, YearId } from '../ids.ts';
import { rootMap } from '../doc/flat-map.ts';

/** Version of the class-journal document's layout (DOC-4); migrations key on it. */
export const JOURNAL_SCHEMA_VERSION = 1;

/** DOC-2: the top-level maps of a class journal; nothing else lives in the document. */
export const JOURNAL_MAPS = ['meta', 'students', 'lessons', 'marks', 'attendance', 'reasons', 'finals', 'remarks'] as const;
export type JournalMapName = (typeof JOURNAL_MAPS)[number];

export interface JournalMeta {
  schemaVersion: number;
  schoolId: SchoolId;
  classId: ClassId;
  yearId: YearId;
  className: string;
  grade: number;
}

/** Writes the meta of a new class journal. */
export function initJournal(doc: Y.Doc, meta: Omit<JournalMeta, 'schemaVersion'>): void {
  const m = rootMap(doc, 'meta');
  m.set('schemaVersion', JOURNAL_SCHEMA_VERSION);
  for (const [k, v] of Object.entries(meta)) m.set(k, v);
}

/** The journal's meta, or undefined while the document has not synced yet. */
export function readJournalMeta(doc: Y.Doc): JournalMeta | undefined {
  const m = rootMap(doc, 'meta');
  const grade = m.get('grade');
  const classId = m.get('classId');
  if (typeof grade !== 'number' || typeof classId !== 'string') return undefined;
  return Object.fromEntries(m.entries()) as unknown as JournalMeta;
}
