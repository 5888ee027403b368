import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  classes,
  journalDocName,
  listRemarks,
  parseChangePath,
  parseDocName,
  periodCutoff,
  periodReadiness,
  periods,
  readDeadlines,
  staff,
  subjects,
  type ClassId,
  type PeriodId,
  schoolDate,
} from '../../model/index.ts';
import type { Directory } from '../directory.ts';
import type { DocumentProjection } from '../reports/journal-projection.ts';
import type { Storage } from '../storage/port.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

const READERS = new Set(['deputy', 'director', 'admin']);

/**
 * CLOSE-2: `GET /api/periods/readiness?class=…&period=…` — before the deputy closes a period
 * for a class: per subject page, the lessons held without a topic and the students without a
 * final (CLOSE-1); the class's refused changes still open and dated in the period; and, as far
 * as the server knows, whether each teacher's entries have reached it: the last change received
 * from them in this journal against their last lesson of the period. `ready` is true when
 * nothing is missing.
 */
export function readinessRoutes(deps: { storage: Storage; directory: Directory; projection: DocumentProjection; now?: () => number }) {
  const app = new Hono<AppEnv>();
  const now = deps.now ?? Date.now;

  app.get('/periods/readiness', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    if (!user.roles.some((r) => READERS.has(r))) throw new HTTPException(403, { message: 'Проверка готовности — для администрации школы' });
    const classId = (c.req.query('class') ?? '') as ClassId;
    const periodId = (c.req.query('period') ?? '') as PeriodId;
    const yearId = parseDocName(deps.directory.schoolDocName)!.yearId;
    const name = journalDocName(classId, yearId);
    const [school, journal] = await Promise.all([deps.projection.doc(deps.directory.schoolDocName), deps.projection.doc(name)]);
    const cls = school ? classes.get(school, classId) : undefined;
    if (!school || !cls || !journal) throw new HTTPException(400, { message: `Неизвестный класс «${classId}»` });
    const period = periods.get(school, periodId);
    if (!period || cls.grade < period.minGrade || cls.grade > period.maxGrade) {
      throw new HTTPException(400, { message: `Неизвестный период «${periodId}» для ${cls.name}` });
    }
    const today = schoolDate(now(), readDeadlines(school).utcOffsetMinutes);
    const cutoff = periodCutoff(period, today);
    const pages = periodReadiness(school, journal, classId, cls.grade, periodId, period, cutoff);

    // The last change received from each user in this journal (the log is attributed: HIST-1).
    const lastFrom = new Map<string, number>();
    for (const u of await deps.storage.readUpdates(name, 0)) lastFrom.set(u.userId, u.serverTime);
    const inPeriod = (path: string) => {
      const slash = path.indexOf('/');
      const p = parseChangePath(path.slice(0, slash), path.slice(slash + 1));
      if (p.kind === 'final') return p.periodId === periodId;
      const date = p.kind === 'reason' ? p.date : 'lesson' in p ? p.lesson.date : null;
      return date !== null && date >= period.startsOn && date <= period.endsOn;
    };
    const refused = (await deps.storage.listRefused({ docName: name, state: 'open' })).filter((r) => inPeriod(r.path));

    const out = pages.map((p) => {
      const last = lastFrom.get(p.teacherId) ?? null;
      const lastDay = last === null ? null : schoolDate(last, readDeadlines(school).utcOffsetMinutes);
      return {
        ...p,
        subjectName: subjects.get(school, p.subjectId)?.name ?? p.subjectId,
        teacherName: staff.get(school, p.teacherId)?.name ?? p.teacherId,
        lastChangeAt: last,
        // Nothing received since the day of the last lesson: the teacher's device may hold entries.
        silentSinceLastLesson: last !== null && p.lastLesson !== null && lastDay! < p.lastLesson,
      };
    });
    // REM-4: the deputy's remarks of the class the teachers have not answered yet.
    const remarks = listRemarks(journal)
      .filter((r) => r.state === 'open')
      .map((r) => ({ id: r.id, subjectId: r.subjectId, groupId: r.groupId, lessonId: r.lessonId, text: r.text, deadline: r.deadline }));
    const ready =
      remarks.length === 0 &&
      refused.length === 0 &&
      out.every((p) => p.lessonsWithoutTopic.length === 0 && p.withoutFinal.length === 0 && !p.silentSinceLastLesson);
    return c.json({
      classId,
      periodId,
      cutoff,
      ready,
      pages: out,
      refused: refused.map((r) => ({ id: r.id, path: r.path, userId: r.userId, reason: r.reason })),
      remarks,
    });
  });
  return app;
}
