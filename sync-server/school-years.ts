import * as Y from 'yjs';
import { readDeadlines, readSchoolMeta, schoolDate } from '../model/index.ts';
import type { Storage } from './storage/port.ts';

/** A stored document as its log replays, read-only (the rooms are not involved). */
export async function readStoredDoc(storage: Storage, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const u of await storage.readUpdates(name, 0)) Y.applyUpdate(doc, u.update);
  return doc;
}

/**
 * YEAR-19: the school year the server serves at `now`: of the stored school-year documents, the
 * latest that has begun by the school's own date (its time zone, TIME-1's offset: a school in
 * Vladivostok begins its year at its midnight, not the server machine's) — so a next year
 * prepared ahead (YEAR-16) waits for its first day instead of replacing the running one at the
 * next restart — else, before any has begun (a school set up in August), the earliest.
 */
export async function currentSchoolDocName(storage: Storage, now: number): Promise<string | undefined> {
  const years: Array<{ name: string; startsOn: string; begun: boolean }> = [];
  for (const name of (await storage.listDocuments()).filter((n) => n.startsWith('school/'))) {
    const doc = await readStoredDoc(storage, name);
    const meta = readSchoolMeta(doc);
    if (meta) years.push({ name, startsOn: meta.startsOn, begun: meta.startsOn <= schoolDate(now, readDeadlines(doc).utcOffsetMinutes) });
  }
  years.sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return years.filter((y) => y.begun).at(-1)?.name ?? years[0]?.name;
}
