import { parseDocName } from '../model/index.ts';
import { localDateOf } from './clock.ts';
import { currentSchoolDocName } from './school-years.ts';
import type { RunningServer } from './server.ts';

const HOUR = 60 * 60 * 1000;

/**
 * YEAR-21: whether the server should now serve another school year: a next year prepared ahead
 * (YEAR-16) whose first day has come (YEAR-19). Returns its document's name, or null.
 */
export async function yearDue(server: RunningServer, now: number): Promise<string | null> {
  const due = await currentSchoolDocName(server.storage, localDateOf(now));
  return due && due !== server.schoolDocName ? due : null;
}

/**
 * YEAR-21: the old year is put in the archive before the server turns to the new one: a signed
 * snapshot of every one of its documents (ARC-3) and a backup (ARC-10). From then on the server
 * no longer opens them (ACC-1 decides by the current year), so nothing can change them.
 */
export async function archiveYear(server: RunningServer): Promise<void> {
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
export function watchYearSwitch(deps: {
  current(): RunningServer;
  restart(): Promise<void>;
  now(): number;
  log(message: string): void;
  onError(e: unknown): void;
  everyMs?: number;
}): () => void {
  let busy = false;
  const check = async () => {
    if (busy) return;
    busy = true;
    try {
      const server = deps.current();
      const due = await yearDue(server, deps.now());
      if (!due) return;
      deps.log(`The school year ${due} has begun: archiving ${server.schoolDocName} and restarting on it…`);
      await archiveYear(server);
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
