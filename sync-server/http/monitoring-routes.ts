import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import {
  isRemarkOverdue,
  journalDocName,
  listRemarks,
  listStudents,
  monitorSchool,
  parseDocName,
  readDeadlines,
  ReportParamError,
  type ClassId,
  type SchoolMonitoring,
  type TimedRow,
  schoolDate,
} from '../../model/index.ts';
import type { Directory } from '../directory.ts';
import { loadTimedRows } from '../reports/journal-changes.ts';
import type { DocumentProjection } from '../reports/journal-projection.ts';
import type { Storage } from '../storage/port.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

const READERS = new Set(['deputy', 'director', 'admin']);

export interface MonitoringDeps {
  storage: Storage;
  directory: Directory;
  projection: DocumentProjection;
  now?: () => number;
}

/**
 * MON-6: `GET /api/monitoring?period=…[&class=…]` — the deputy's monitoring of how the journals
 * are kept (MON-1…MON-5), for the deputy, the director and the administrator: per class, the
 * period counted; per page, every figure with the lesson ids, mark keys or student ids it counts;
 * the names of those students; and every remark of the classes (REM-*), overdue ones flagged
 * (REM-3). Read from the stored documents (the projection) and the stored change rows, never
 * the live rooms.
 */
export function monitoringRoutes(deps: MonitoringDeps) {
  const app = new Hono<AppEnv>();
  const now = deps.now ?? Date.now;

  app.get('/monitoring', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    if (!user.roles.some((r) => READERS.has(r)))
      throw new HTTPException(403, { message: 'Контроль ведения журналов — для администрации школы' });
    const classId = c.req.query('class') || undefined;
    const periodId = c.req.query('period') || undefined;
    const schoolName = deps.directory.schoolDocName;
    const yearId = parseDocName(schoolName)!.yearId;
    const names = (await deps.storage.listDocuments()).filter((n) => {
      const d = parseDocName(n);
      return d?.kind === 'journal' && d.yearId === yearId && (classId === undefined || d.classId === classId);
    });
    const docs = await deps.projection.docs([schoolName, ...names]);
    const school = docs.get(schoolName);
    if (!school) throw new HTTPException(503, { message: 'Учебный год ещё не загружен' });
    const journals = new Map<ClassId, Y.Doc>();
    const changes = new Map<ClassId, TimedRow[]>();
    for (const name of names) {
      const parsed = parseDocName(name);
      const doc = docs.get(name);
      if (parsed?.kind !== 'journal' || !doc) continue;
      journals.set(parsed.classId, doc);
      changes.set(parsed.classId, await loadTimedRows(deps.storage, journalDocName(parsed.classId, yearId)));
    }
    const today = schoolDate(now(), readDeadlines(school).utcOffsetMinutes);
    let result: SchoolMonitoring;
    try {
      result = monitorSchool({ school, journals, changes, classId, periodId, today });
    } catch (e) {
      if (e instanceof ReportParamError) throw new HTTPException(400, { message: e.message });
      throw e;
    }
    // Names of the students a figure lists (the page links them; the roster is in the journal).
    const students: Record<string, Record<string, string>> = {};
    for (const cls of result.classes) {
      const wanted = new Set(result.pages.filter((p) => p.classId === cls.classId).flatMap((p) => [...p.noMarks, ...p.oneMark]));
      students[cls.classId] = Object.fromEntries(
        listStudents(journals.get(cls.classId)!)
          .filter((s) => wanted.has(s.id))
          .map((s) => [s.id, s.name]),
      );
    }
    const remarks = [...journals].flatMap(([id, doc]) =>
      listRemarks(doc).map((r) => ({ ...r, classId: id, overdue: isRemarkOverdue(r, today) })),
    );
    return c.json({ today, classes: result.classes, pages: result.pages, notes: result.notes, students, remarks });
  });
  return app;
}
