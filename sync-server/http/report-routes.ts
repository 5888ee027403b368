import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import {
  classes,
  journalDocName,
  parseDocName,
  readDeadlines,
  ReportParamError,
  type ClassId,
  type ReportTable,
  type TimedRow,
  schoolDate,
} from '../../model/index.ts';
import { hex } from '../archive/replay.ts';
import type { Snapshotter } from '../archive/snapshotter.ts';
import type { Directory } from '../directory.ts';
import type { DocumentProjection } from '../reports/journal-projection.ts';
import { loadTimedRows } from '../reports/journal-changes.ts';
import { reportCsv } from '../reports/report-csv.ts';
import { reportPdf, type ReportSource } from '../reports/report-pdf.ts';
import { directorName } from '../archive/pdf/sign-line.ts';
import { findReport, REPORTS } from '../reports/report-registry.ts';
import { reportXlsx } from '../reports/report-xlsx.ts';
import type { Storage } from '../storage/port.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

export interface ReportDeps {
  storage: Storage;
  directory: Directory;
  projection: DocumentProjection;
  /** With it, a PDF is printed from fresh signed snapshots and names their hashes. */
  snapshotter?: Snapshotter;
  now?: () => number;
}

const SCHOOL_WIDE = new Set(['deputy', 'director', 'admin']);
const FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

/** The school's calendar day at a moment, by its UTC offset (TIME-1). */
const schoolDay = (ms: number, school: Y.Doc) => schoolDate(ms, readDeadlines(school).utcOffsetMinutes);

/**
 * REP-0: every report as a page's data and as files: `GET /api/reports` lists them;
 * `GET /api/reports/{kind}?class=…&period=…&month=…&student=…&from=…&to=…&format=json|csv|xlsx|pdf`
 * answers one. A class's report is for whoever may open its journal; a school-wide one for the
 * deputy, the director and the administrator. Reports read the read-side projection of the stored
 * documents, never the live rooms; a PDF is printed from signed snapshots taken for it, whose
 * hashes it carries.
 */
export function reportRoutes(deps: ReportDeps) {
  const app = new Hono<AppEnv>();
  const projection = deps.projection;
  const now = deps.now ?? Date.now;

  app.get('/reports', (c) => {
    requireAuth(c.get('auth'));
    return c.json({ reports: REPORTS.map((r) => ({ kind: r.kind, title: r.title, needs: r.needs })) });
  });

  app.get('/reports/:kind', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const report = findReport(c.req.param('kind'));
    if (!report) throw new HTTPException(404, { message: 'Нет такого отчёта' });
    const format = (c.req.query('format') ?? 'json') as Format;
    if (!FORMATS.includes(format)) throw new HTTPException(400, { message: 'Формат: json, csv, xlsx или pdf' });
    const classId = c.req.query('class') || undefined;
    // YEAR-22: `?year=` reports on another stored year, from its own stored documents.
    const year = c.req.query('year');
    const other = year ? (await deps.directory.years()).find((y) => y.yearId === year) : undefined;
    if (year && !other) throw new HTTPException(404, { message: 'Нет такого учебного года' });
    const schoolName = other?.name ?? deps.directory.schoolDocName;
    const yearId = parseDocName(schoolName)!.yearId;

    let journalNames: string[];
    if (classId !== undefined) {
      const name = journalDocName(classId as ClassId, yearId);
      if (!(await deps.directory.accessTo(user, name))) throw new HTTPException(403, { message: 'Этот класс вам недоступен' });
      journalNames = [name];
    } else if (report.needs.includes('class')) {
      throw new HTTPException(400, { message: 'Укажите класс' });
    } else {
      if (!user.roles.some((r) => SCHOOL_WIDE.has(r))) throw new HTTPException(403, { message: 'Отчёт по школе доступен администрации' });
      journalNames = (await deps.storage.listDocuments()).filter(
        (n) => parseDocName(n)?.kind === 'journal' && parseDocName(n)?.yearId === yearId,
      );
    }

    const names = [schoolName, ...journalNames];
    const sources: ReportSource[] = [];
    let docs: Map<string, Y.Doc>;
    if (format === 'pdf' && deps.snapshotter) {
      docs = new Map();
      for (const name of names) {
        await deps.snapshotter.snapshotDocument(name);
        const s = await deps.storage.latestSignedSnapshot(name);
        const doc = new Y.Doc();
        if (s) Y.applyUpdate(doc, s.state);
        docs.set(name, doc);
        sources.push({ title: name, snapshot: s ? { upToSeq: s.upToSeq, sha256: hex(s.sha256) } : null });
      }
    } else {
      docs = await projection.docs(names);
    }
    const school = docs.get(schoolName);
    if (!school) throw new HTTPException(503, { message: 'Учебный год ещё не загружен' });
    // «Журнал 5Б», not the document's name: the class's name is in the school year.
    for (const s of sources) s.title = sourceTitle(s.title, school);
    const journals = new Map<ClassId, Y.Doc>();
    for (const n of journalNames) {
      const d = docs.get(n);
      const parsed = parseDocName(n);
      if (d && parsed?.kind === 'journal') journals.set(parsed.classId, d);
    }
    // A report that judges timeliness (REP-13) reads the journals' change rows too (HIST-1).
    let changes: Map<ClassId, TimedRow[]> | undefined;
    if (report.needs.includes('history')) {
      changes = new Map();
      for (const classId of journals.keys()) changes.set(classId, await loadTimedRows(deps.storage, journalDocName(classId, yearId)));
    }

    let table: ReportTable;
    try {
      table = report.build({
        school,
        journals,
        params: {
          classId,
          periodId: c.req.query('period') || undefined,
          month: c.req.query('month') || undefined,
          studentId: c.req.query('student') || undefined,
          from: c.req.query('from') || undefined,
          to: c.req.query('to') || undefined,
        },
        today: schoolDay(now(), school),
        changes,
      });
    } catch (e) {
      if (e instanceof ReportParamError) throw new HTTPException(400, { message: e.message });
      throw e;
    }

    const student = report.needs.includes('student') ? `-${(c.req.query('student') ?? '').replace(/[^A-Za-z0-9_-]/g, '')}` : '';
    const file = `${report.kind}${classId ? `-${classId}` : ''}${student}`;
    if (format === 'json') return c.json({ report: table });
    if (format === 'csv') return c.body(reportCsv(table), 200, download('text/csv; charset=utf-8', `${file}.csv`));
    if (format === 'xlsx') {
      return c.body(
        new Uint8Array(await reportXlsx(table)),
        200,
        download('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${file}.xlsx`),
      );
    }
    const pdf = await reportPdf(table, {
      printedAt: new Date(now()),
      printedBy: user.name,
      sources,
      utcOffsetMinutes: readDeadlines(school).utcOffsetMinutes,
      director: await directorName(deps.storage),
    });
    return c.body(new Uint8Array(pdf), 200, download('application/pdf', `${file}.pdf`));
  });
  return app;
}

function download(type: string, filename: string): Record<string, string> {
  return { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' };
}

function sourceTitle(name: string, school: Y.Doc): string {
  const d = parseDocName(name);
  return d?.kind === 'journal' ? `Журнал ${classes.get(school, d.classId)?.name ?? d.classId}` : 'Учебный год';
}
