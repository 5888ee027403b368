import type * as Y from 'yjs';
import type { ClassId, SchoolId, YearId } from '../ids.ts';
import { rootMap } from '../doc/flat-map.ts';

/**
 * Version of the class-journal document's layout (DOC-4); migrations key on it.
 * 1: the first layout. 2: marks in places of their own (MARK-8); version 1 places stay valid.
 */
export const JOURNAL_SCHEMA_VERSION = 2;

/** DOC-2: the top-level maps of a class journal; nothing else lives in the document. `notes`: to the family (NOTE-1). */
export const JOURNAL_MAPS = ['meta', 'students', 'lessons', 'marks', 'attendance', 'reasons', 'finals', 'remarks', 'notes'] as const;
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

/** DOC-4: a stored journal written in an older layout than this code's. */
export function journalNeedsMigration(doc: Y.Doc): boolean {
  const meta = readJournalMeta(doc);
  return meta !== undefined && (typeof meta.schemaVersion !== 'number' || meta.schemaVersion < JOURNAL_SCHEMA_VERSION);
}

/**
 * DOC-4: brings a journal to `JOURNAL_SCHEMA_VERSION`. From 1 to 2 nothing is rewritten: marks
 * in version 1 places (`0`…`3`) stay where they are and valid (MARK-8), and a device that wrote
 * them offline before updating still syncs; new marks take places of their own.
 */
export function migrateJournal(doc: Y.Doc): void {
  if (journalNeedsMigration(doc)) rootMap(doc, 'meta').set('schemaVersion', JOURNAL_SCHEMA_VERSION);
}

/** DOC-4: a journal written by a newer version of the app than this one: read it, never write it. */
export function journalIsNewer(doc: Y.Doc): boolean {
  const v = readJournalMeta(doc)?.schemaVersion;
  return typeof v === 'number' && v > JOURNAL_SCHEMA_VERSION;
}
