import type * as Y from 'yjs';
import { parseDocName } from '../../model/index.ts';
import type { Snapshotter } from './snapshotter.ts';

/**
 * ARC-9: a period closed for a class gets a signed snapshot of that class's journal (and of the
 * school year, which holds the closure) — whoever closed it and however (the deputy's HTTP route,
 * a script). Watching the school-year document's `closures` map keeps the period-close code
 * unaware of the archive. The snapshot waits `delayMs` so that edits committed just before the
 * closure are in it.
 */
export function snapshotOnPeriodClose(
  school: Y.Doc,
  schoolDocName: string,
  snapshotter: Snapshotter,
  onError: (e: unknown) => void,
  delayMs = 1000,
): () => void {
  const parsed = parseDocName(schoolDocName);
  if (parsed?.kind !== 'school') throw new Error(`not a school-year document: ${schoolDocName}`);
  const map = school.getMap('closures');
  const timers = new Set<NodeJS.Timeout>();
  const observer = (event: Y.YMapEvent<unknown>) => {
    for (const key of event.keysChanged) {
      if (map.get(key) === null || map.get(key) === undefined) continue; // a reopening
      const classId = key.split(':')[0];
      const timer = setTimeout(() => {
        timers.delete(timer);
        for (const name of [`journal/${classId}/${parsed.yearId}`, schoolDocName]) {
          snapshotter.snapshotDocument(name).catch(onError);
        }
      }, delayMs);
      timers.add(timer);
    }
  };
  map.observe(observer);
  return () => {
    map.unobserve(observer);
    for (const t of timers) clearTimeout(t);
  };
}
