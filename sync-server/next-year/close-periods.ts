import * as Y from 'yjs';
import { classes, closePeriod, isPeriodClosed, periodsForGrade, type ClassId, type Closure } from '../../model/index.ts';
import { readStoredDoc } from '../school-years.ts';
import type { ChangeRow, Storage } from '../storage/port.ts';

/** Who closed what the year's close closed: no person, the server. */
export const YEAR_CLOSE_USER = 'system';
const NOTE = 'учебный год завершён';

/**
 * YEAR-26: a year that closes has every study period closed, for every class of its grades, as
 * the deputy would have closed them (SCH-9): those the deputy left open are closed by the server,
 * one update in the school year's log with its history rows (`closures/{classId}:{periodId}`, by
 * «system», «учебный год завершён»), before the signed snapshots, so that the archive's school year
 * says so and the year's diaries show every period closed. Works on the store (the year is
 * closing, or already past), so it serves the switch and the first start after it alike; a
 * second run finds nothing open. Resolves with how many periods it closed.
 */
export async function closeEveryPeriod(storage: Storage, schoolDocName: string, now: () => number): Promise<number> {
  const school = await readStoredDoc(storage, schoolDocName);
  const open: Array<[ClassId, string]> = [];
  for (const [classId, c] of classes.all(school)) {
    for (const [periodId] of periodsForGrade(school, c.grade))
      if (!isPeriodClosed(school, classId as ClassId, periodId)) open.push([classId as ClassId, periodId]);
  }
  if (open.length === 0) return 0;
  const at = now();
  const closure: Closure = { closedAt: new Date(at).toISOString(), closedBy: YEAR_CLOSE_USER };
  const before = Y.encodeStateVector(school);
  school.transact(() => {
    for (const [classId, periodId] of open) closePeriod(school, classId, periodId, closure);
  });
  const changes: ChangeRow[] = open.map(([classId, periodId]) => ({
    path: `closures/${classId}:${periodId}`,
    oldValue: undefined,
    newValue: closure,
    userId: YEAR_CLOSE_USER,
    asSubstitute: false,
    clientTime: null,
    serverTime: at,
    clockOffsetMs: null,
    note: NOTE,
  }));
  const update = Y.encodeStateAsUpdate(school, before);
  await storage.appendUpdates(schoolDocName, [
    { update, userId: YEAR_CLOSE_USER, sessionId: 'year-close', clientTime: null, serverTime: at, changes },
  ]);
  return open.length;
}
