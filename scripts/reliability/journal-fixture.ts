import { createHash } from 'node:crypto';
import { join } from 'node:path';
import * as Y from 'yjs';
import { pageLessons, WHOLE_CLASS, type ClassId, type LessonId, type SubjectId } from '../../model/index.ts';
import { openSqliteStorage } from '../../sync-server/storage/sqlite.ts';
import { replayLog } from '../../sync-server/archive/replay.ts';
import { loadStoredDoc } from '../../test/helpers/demo-facts.ts';

/** The journal every campaign item writes to: the demo's 5Б, whose maths page `teacher` keeps. */
export const JOURNAL = 'journal/5b/2026';

/**
 * Lessons of `teacher`'s own 5Б maths page, whatever day the clock reads: homework may be set
 * ahead, so a write of a new homework text is always a real change the server must acknowledge.
 */
export async function teacherLessons(dataDir: string): Promise<LessonId[]> {
  const storage = openSqliteStorage(join(dataDir, 'journal.sqlite'));
  try {
    const school = await loadStoredDoc(storage, 'school/demo/2026');
    const journal = await loadStoredDoc(storage, JOURNAL);
    return pageLessons(school, journal, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS)
      .filter((l) => l.substituteId === null)
      .map((l) => l.id);
  } finally {
    await storage.close();
  }
}

/** The journal as its stored log replays it, read beside a running server (SQLite's WAL lets it). */
export async function storedJournal(dataDir: string): Promise<Y.Doc> {
  const storage = openSqliteStorage(join(dataDir, 'journal.sqlite'), { readonly: true });
  try {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, replayLog((await storage.readUpdates(JOURNAL, 0)).map((u) => u.update)).state);
    return doc;
  } finally {
    await storage.close();
  }
}

/**
 * A hash of what a document holds (its top-level maps as JSON, keys sorted), not of its encoding: two replicas
 * that integrated the same changes in a different order hold the same content, but need not
 * encode it to the same bytes.
 */
export function contentHash(doc: Y.Doc): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(sorted(Object.fromEntries([...doc.share.keys()].map((k) => [k, doc.getMap(k).toJSON()])))))
    .digest('hex')
    .slice(0, 16);
}

/** Clocks of `wanted` that `have` lacks, as «client:clock» strings (empty when `have` covers it). */
export function missingClocks(have: Map<number, number>, wanted: Map<number, number>): string[] {
  return [...wanted].filter(([client, clock]) => (have.get(client) ?? 0) < clock).map(([c, k]) => `${c}:${have.get(c) ?? 0}<${k}`);
}
