import type * as Y from 'yjs';
import { parseDocName } from '../../model/index.ts';
import type { Snapshotter } from './snapshotter.ts';

/**
 * ARC-9: a period closed for a class gets a signed snapshot of that class's journal (and of the
 * school year, which holds the closure) — whoever closed it and however (the deputy's HTTP route,
 * a script). ARC-24: then a backup, so the director's copy of each period's close holds those
 * snapshots. Watching the school-year document's `closures` map keeps the period-close code
 * unaware of the archive. The work waits `delayMs` so that edits committed just before the
 * closure are in it; closures arriving meanwhile (a period closed for the whole school, class by
 * class) join the same round, so one close of many classes makes one backup.
 */
export function snapshotOnPeriodClose(
  school: Y.Doc,
  schoolDocName: string,
  archive: { snapshotter: Snapshotter; backups?: { backupNow(): Promise<unknown> } },
  onError: (e: unknown) => void,
  delayMs = 1000,
): () => void {
  const parsed = parseDocName(schoolDocName);
  if (parsed?.kind !== 'school') throw new Error(`not a school-year document: ${schoolDocName}`);
  const map = school.getMap('closures');
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const round = async () => {
    timer = null;
    const classIds = [...pending];
    pending.clear();
    const names = [...classIds.map((id) => `journal/${id}/${parsed.yearId}`), schoolDocName];
    await Promise.all(names.map((name) => archive.snapshotter.snapshotDocument(name).catch(onError)));
    if (!stopped) await archive.backups?.backupNow();
  };

  const observer = (event: Y.YMapEvent<unknown>) => {
    for (const key of event.keysChanged) {
      if (map.get(key) === null || map.get(key) === undefined) continue; // a reopening
      pending.add(key.split(':')[0]);
    }
    if (pending.size > 0 && !timer) timer = setTimeout(() => void round().catch(onError), delayMs);
  };
  map.observe(observer);
  return () => {
    stopped = true;
    map.unobserve(observer);
    if (timer) clearTimeout(timer);
  };
}
