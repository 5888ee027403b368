import * as Y from 'yjs';
import { readSchoolMeta, type IsoDate } from '../model/index.ts';
import type { Storage } from './storage/port.ts';

/** A stored document as its log replays, read-only (the rooms are not involved). */
export async function readStoredDoc(storage: Storage, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const u of await storage.readUpdates(name, 0)) Y.applyUpdate(doc, u.update);
  return doc;
}

/**
 * YEAR-19: the school year the server serves: of the stored school-year documents, the latest
 * that has begun by `today` — so a next year prepared ahead (YEAR-16) waits for its first day
 * instead of replacing the running one at the next restart — else, before any has begun (a
 * school set up in August), the earliest.
 */
export async function currentSchoolDocName(storage: Storage, today: IsoDate): Promise<string | undefined> {
  const years: Array<{ name: string; startsOn: string }> = [];
  for (const name of (await storage.listDocuments()).filter((n) => n.startsWith('school/'))) {
    const meta = readSchoolMeta(await readStoredDoc(storage, name));
    if (meta) years.push({ name, startsOn: meta.startsOn });
  }
  years.sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return years.filter((y) => y.startsOn <= today).at(-1)?.name ?? years[0]?.name;
}
