import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import { classes, journalDocName, parseDocName, periods, readDeadlines, subjects, type ClassId, schoolDate } from '../../model/index.ts';
import { finalsSheet } from '../archive/finals-sheet.ts';
import { renderFinalsPdf } from '../archive/pdf/finals-pdf.ts';
import { renderJournalPdf } from '../archive/pdf/journal-pdf.ts';
import type { PrintStamp } from '../archive/pdf/print-stamp.ts';
import { directorName } from '../archive/pdf/sign-line.ts';
import { hex } from '../archive/replay.ts';
import type { Snapshotter } from '../archive/snapshotter.ts';
import type { Directory } from '../directory.ts';
import type { Storage } from '../storage/port.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

export interface PrintDeps {
  storage: Storage;
  directory: Directory;
  snapshotter: Snapshotter;
  now?: () => number;
}

/** A document as of its latest signed snapshot — taken now when something is new — and the stamp naming it. */
async function printedState(deps: PrintDeps, name: string): Promise<{ doc: Y.Doc; snapshot: PrintStamp['snapshot'] }> {
  const s = await deps.snapshotter.snapshotDocument(name);
  const doc = new Y.Doc();
  if (!s) return { doc, snapshot: null };
  Y.applyUpdate(doc, s.state);
  const n = (await deps.storage.signedSnapshots(name)).findIndex((x) => hex(x.sha256) === hex(s.sha256)) + 1;
  return { doc, snapshot: { n, upToSeq: s.upToSeq, sha256: hex(s.sha256) } };
}

const pdf = (bytes: Buffer, file: string) =>
  new Response(new Uint8Array(bytes), {
    headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${file}"`, 'Cache-Control': 'no-store' },
  });

/**
 * PRINT-1: printable A4 of a journal, from the browser: `GET /api/print/journal?class=…[&subject=…&group=…&period=…]`
 * (the pages of one subject, group and period, as the paper journal looks: students × dates,
 * then topics and homework) and `GET /api/print/finals?class=…` (the summary sheet of finals).
 * Each is printed from a signed snapshot taken for it, and every page names who printed it,
 * when, and that snapshot's SHA-256. For whoever may open the journal.
 */
export function printRoutes(deps: PrintDeps) {
  const app = new Hono<AppEnv>();
  const now = deps.now ?? Date.now;

  const open = async (c: Context<AppEnv>) => {
    const { user } = requireAuth(c.get('auth'));
    const classId = c.req.query('class') ?? '';
    const yearId = parseDocName(deps.directory.schoolDocName)!.yearId;
    const name = journalDocName(classId as ClassId, yearId);
    const school = await deps.directory.schoolDoc();
    if (!classes.get(school, classId)) throw new HTTPException(400, { message: `Неизвестный класс «${classId}»` });
    if (!(await deps.directory.accessTo(user, name))) throw new HTTPException(403, { message: 'Этот журнал вам недоступен' });
    const journal = await printedState(deps, name);
    const year = await printedState(deps, deps.directory.schoolDocName);
    const printedAt = new Date(now());
    const stamp: PrintStamp = {
      printedAt,
      printedBy: user.name,
      utcOffsetMinutes: readDeadlines(year.doc).utcOffsetMinutes,
      snapshot: journal.snapshot,
      logUpToSeq: journal.snapshot?.upToSeq ?? 0,
      director: await directorName(deps.storage),
    };
    // The school's calendar day (TIME-1): planned lessons after it with nothing recorded are not printed.
    const asOf = schoolDate(printedAt.getTime(), readDeadlines(year.doc).utcOffsetMinutes);
    return { classId, journal: journal.doc, school: year.doc, stamp, asOf };
  };

  app.get('/print/journal', async (c) => {
    const subject = c.req.query('subject');
    const group = c.req.query('group');
    const period = c.req.query('period');
    // An unknown subject or period would print an empty journal: say so instead.
    const school = await deps.directory.schoolDoc();
    if (subject && !subjects.get(school, subject)) throw new HTTPException(400, { message: `Неизвестный предмет «${subject}»` });
    if (period && !periods.get(school, period)) throw new HTTPException(400, { message: `Неизвестный период «${period}»` });
    const p = await open(c);
    const bytes = await renderJournalPdf(
      p.journal,
      p.school,
      p.stamp,
      p.asOf,
      (s) => (!subject || s.subjectId === subject) && (!group || s.groupId === group) && (!period || s.period?.id === period),
    );
    return pdf(bytes, `journal-${p.classId}${subject ? `-${subject}` : ''}${period ? `-${period}` : ''}.pdf`);
  });

  app.get('/print/finals', async (c) => {
    const p = await open(c);
    return pdf(await renderFinalsPdf(finalsSheet(p.journal, p.school), p.stamp), `finals-${p.classId}.pdf`);
  });
  return app;
}
