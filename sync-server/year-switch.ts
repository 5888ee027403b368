import { parseDocName } from '../model/index.ts';
import { readSchoolMeta } from '../model/index.ts';
import { currentSchoolDocName, readStoredDoc } from './school-years.ts';
import type { RunningServer } from './server.ts';
import { closeFamiliesYear } from './next-year/close-families.ts';
import { closeEveryPeriod } from './next-year/close-periods.ts';

const HOUR = 60 * 60 * 1000;

/**
 * YEAR-21: whether the server should now serve another school year: a next year prepared ahead
 * (YEAR-16) whose first day has come (YEAR-19). Returns its document's name, or null.
 */
export async function yearDue(server: RunningServer, now: number): Promise<string | null> {
  const due = await currentSchoolDocName(server.storage, now);
  return due && due !== server.schoolDocName ? due : null;
}

/**
 * YEAR-21: the old year is put in the archive before the server turns to the new one: a signed
 * snapshot of every one of its documents (ARC-3) and a backup (ARC-10). From then on the server
 * no longer opens them (ACC-1 decides by the current year), so nothing can change them. First
 * every period still open is closed (YEAR-26), then its diaries are stored final and the
 * families' links follow their children to the new year's classes (YEAR-25), so the snapshots
 * and the backup hold them.
 */
export async function archiveYear(server: RunningServer, nextSchoolDocName: string, now: () => number): Promise<void> {
  await server.diaries.settled();
  await closeEveryPeriod(server.storage, server.schoolDocName, now);
  await closeFamiliesYear(server.storage, server.schoolDocName, nextSchoolDocName, now);
  const yearId = parseDocName(server.schoolDocName)?.yearId;
  for (const name of await server.storage.listDocuments()) {
    if (parseDocName(name)?.yearId === yearId) await server.snapshotter.snapshotDocument(name);
  }
  await server.backups.backupNow();
}

/**
 * Checks every hour (and at once) whether a prepared year has begun; if so, archives the old one
 * and asks for a restart, which serves the new year on the same port: every client reconnects as
 * after any restart of the server, and finds its documents of the new year in `/api/me`.
 */
/**
 * YEAR-21: a year that ended while the server was not running (stopped overnight, restarted on
 * 1 September) was never archived — the start already served the new year. At start, every
 * document of a year before the current one whose log goes past its latest signed snapshot gets
 * one, and a backup follows. Returns how many documents were archived.
 */
export async function archivePastYears(server: RunningServer, now: () => number): Promise<number> {
  const names = await server.storage.listDocuments();
  const schools = new Map<string, { name: string; startsOn: string }>();
  for (const name of names) {
    const p = parseDocName(name);
    if (p?.kind === 'school')
      schools.set(p.yearId, { name, startsOn: readSchoolMeta(await readStoredDoc(server.storage, name))?.startsOn ?? '' });
  }
  const currentStart = schools.get(parseDocName(server.schoolDocName)?.yearId ?? '')?.startsOn ?? '';
  const pastYears = [...schools]
    .filter(([, y]) => y.startsOn !== '' && y.startsOn < currentStart)
    .sort(([, a], [, b]) => a.startsOn.localeCompare(b.startsOn));
  const past = new Set(pastYears.map(([yearId]) => yearId));
  // YEAR-25: the year that just ended, if it was never archived, closes for its families too.
  const lastYear = pastYears.at(-1);
  // YEAR-26: its periods closed before its documents are snapshotted.
  if (lastYear) await closeEveryPeriod(server.storage, lastYear[1].name, now);
  const seqs = await server.storage.lastSeqs();
  let archived = 0;
  let lastYearArchived = false;
  for (const name of names) {
    const yearId = parseDocName(name)?.yearId;
    if (!yearId || !past.has(yearId)) continue;
    const signed = (await server.storage.latestSignedSnapshot(name))?.upToSeq ?? 0;
    if ((seqs.get(name) ?? 0) <= signed) continue;
    await server.snapshotter.snapshotDocument(name);
    archived++;
    if (yearId === lastYear?.[0]) lastYearArchived = true;
  }
  if (lastYear && lastYearArchived) await closeFamiliesYear(server.storage, lastYear[1].name, server.schoolDocName, now);
  if (archived > 0) await server.backups.backupNow();
  return archived;
}

export function watchYearSwitch(deps: {
  current(): RunningServer;
  restart(): Promise<void>;
  now(): number;
  log(message: string): void;
  onError(e: unknown): void;
  everyMs?: number;
}): () => void {
  let busy = false;
  let pastChecked = false;
  const check = async () => {
    if (busy) return;
    busy = true;
    try {
      const server = deps.current();
      // CLU-4: of several processes, the one running the scheduled jobs archives; every one restarts.
      const leads = server.leadership.isLeader;
      if (!pastChecked && leads) {
        pastChecked = true;
        const archived = await archivePastYears(server, deps.now);
        if (archived > 0) deps.log(`Archived ${archived} documents of a past school year that ended while the server was stopped`);
      }
      const due = await yearDue(server, deps.now());
      if (!due) return;
      deps.log(`The school year ${due} has begun: archiving ${server.schoolDocName} and restarting on it…`);
      if (leads) await archiveYear(server, due, deps.now);
      await deps.restart();
    } catch (e) {
      deps.onError(e);
    } finally {
      busy = false;
    }
  };
  void check();
  const timer = setInterval(() => void check(), deps.everyMs ?? HOUR);
  timer.unref();
  return () => clearInterval(timer);
}
