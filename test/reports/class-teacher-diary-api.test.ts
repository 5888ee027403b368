import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allMarks,
  formatReportCell,
  listStudents,
  parseLessonId,
  PRELIMINARY_NOTE,
  type IsoDate,
  type ReportTable,
  type Student,
} from '../../model/index.ts';
import { pageTexts, popplerAvailable, POPPLER_MISSING } from '../helpers/poppler.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { cutoffOf, periodsOfToday, schoolDay } from './period-of-today.ts';
import { expectCsvToMatch, expectXlsxToMatch } from './report-files.ts';

const POPPLER = popplerAvailable();
// CI has poppler: there its absence fails the file; elsewhere the PDF checks are skipped, loudly.
if (!POPPLER && process.env.CI === 'true') throw new Error(POPPLER_MISSING);
if (!POPPLER) console.warn(`\n*** REP-14, REP-15 PDF checks SKIPPED: ${POPPLER_MISSING}\n`);

/** «28.12.2026», as the reports print a date. */
const printed = (d: IsoDate) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

/** REP-14 and REP-15 on the demo school. */
describe('the class teacher’s report and the diary printout over HTTP (REP-14, REP-15)', () => {
  /** The demo as a lived-in school on DEMO_FIXTURE_DAY (q1 is over, q2 runs): the tests not about what day it is. */
  let server: TestServer;
  let deputy = '';
  /** The demo seeded on the process's day (JOURNAL_CLOCK or the real one): the test of what "today" changes. */
  let live: TestServer;
  let liveDeputy = '';
  let work = '';
  /** 5Б's student who arrived on 09.11, and one of 1А. */
  let arrived: Student;
  let firstGrader: Student;
  const get = (path: string, cookie = deputy) => fetch(`${server.origin}${path}`, { headers: { cookie } });
  const report = async (path: string, s = server) => {
    const res = await fetch(`${s.origin}${path}`, { headers: { cookie: s === server ? deputy : liveDeputy } });
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { report: ReportTable }).report;
  };

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    deputy = await server.login('deputy');
    live = await startTestServer();
    liveDeputy = await live.login('deputy');
    work = process.env.REPORT_PNG_DIR ?? mkdtempSync(join(tmpdir(), 'journal-rep14-15-'));
    mkdirSync(work, { recursive: true });
    arrived = listStudents(await loadStoredDoc(server.storage, 'journal/5b/2026')).find((s) => s.enrolledOn !== null)!;
    firstGrader = listStudents(await loadStoredDoc(server.storage, 'journal/1a/2026'))[0];
  });
  afterAll(async () => {
    await server.dispose();
    await live.dispose();
    if (!process.env.REPORT_PNG_DIR) rmSync(work, { recursive: true, force: true });
  });

  const cases = () => [
    { name: 'class-teacher-q1', url: '/api/reports/class-teacher?class=5b&period=q1', title: 'Отчёт классного руководителя за период' },
    { name: 'class-teacher-q2', url: '/api/reports/class-teacher?class=5b&period=q2', title: 'Отчёт классного руководителя за период' },
    { name: 'class-teacher-1a', url: '/api/reports/class-teacher?class=1a&period=q1', title: 'Отчёт классного руководителя за период' },
    {
      name: 'diary',
      url: `/api/reports/diary?class=5b&student=${arrived.id}&from=2026-11-02&to=2026-11-20`,
      title: `Выписка из электронного дневника: ${arrived.name}, 5Б`,
    },
  ];

  it('REP-14, REP-15 are listed with what they need', async () => {
    const { reports } = (await (await get('/api/reports')).json()) as { reports: Array<{ kind: string; title: string; needs: string[] }> };
    expect(reports.find((r) => r.kind === 'class-teacher')).toEqual({
      kind: 'class-teacher',
      title: 'Отчёт классного руководителя за период',
      needs: ['class', 'period'],
    });
    expect(reports.find((r) => r.kind === 'diary')).toEqual({
      kind: 'diary',
      title: 'Выписка из электронного дневника',
      needs: ['class', 'student', 'dates'],
    });
  });

  it('REP-0 ∘ REP-14, REP-15: JSON 200; the CSV (papaparse, ;) and the XLSX (exceljs) hold the same figures', async () => {
    for (const c of cases()) {
      const t = await report(c.url);
      expect(t.title, c.name).toBe(c.title);
      expect(t.rows.length, c.name).toBeGreaterThan(0);
      const csv = await get(`${c.url}&format=csv`);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const text = await csv.text();
      expect(Papa.parse(text.replace(/^\uFEFF/, ''), { delimiter: ';' }).errors, c.name).toEqual([]);
      expectCsvToMatch(t, text);
      const xlsx = await get(`${c.url}&format=xlsx`);
      expect(xlsx.status).toBe(200);
      await expectXlsxToMatch(t, await xlsx.arrayBuffer());
    }
  });

  it.skipIf(!POPPLER)('REP-0 ∘ REP-14, REP-15: the PDF renders, its text has the title and a figure; page 1 as PNG', async () => {
    for (const c of cases()) {
      const t = await report(c.url);
      const res = await get(`${c.url}&format=pdf`);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = join(work, `${c.name}.pdf`);
      writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
      const text = pageTexts(pdf).join('\n');
      expect(text, c.name).toContain(t.title);
      expect(text, c.name).toContain(t.scope);
      // Every figure of the last row as the page prints it: «Итого по классу» (mean «4,01», success «95,8 %»…), the diary's last lesson.
      const last = t.rows.at(-1)!;
      for (const col of t.columns.filter((cl) => last[cl.key] !== null && last[cl.key] !== '')) {
        expect(text, `${c.name}: ${col.key}`).toContain(formatReportCell(last[col.key], col.format));
      }
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(work, c.name)]);
      expect(statSync(join(work, `${c.name}.png`)).size).toBeGreaterThan(5_000);
    }
  });

  // On the fixture day: q1 is over, q2 runs (the test below reads today's periods instead).
  it('REP-14: its class totals are REP-1’s for a finished period; while one runs it is preliminary', async () => {
    const mine = (await report('/api/reports/class-teacher?class=5b&period=q1')).rows.at(-1)!;
    const rep1 = (await report('/api/reports/class-results?class=5b&period=q1')).rows.at(-1)!;
    expect(mine.student).toBe('Итого по классу');
    for (const k of ['n5', 'n4', 'n3', 'n2', 'none', 'success', 'quality', 'mean']) expect(mine[k], k).toBe(rep1[k]);
    const q2 = await report('/api/reports/class-teacher?class=5b&period=q2');
    expect(q2.scope).toContain('предварительный');
    expect(q2.notes).toContain('Предварительный отчёт: вместо итоговых — прогноз по текущим отметкам');
    // The student who arrived on 09.11 is on q2's roster, not on q1's (it ended 25.10).
    expect(q2.rows.some((r) => r.student === arrived.name)).toBe(true);
    const grade1 = await report('/api/reports/class-teacher?class=1a&period=q1');
    expect(grade1.notes).toContain('В 1 классе отметки не ставятся: в отчёте только посещаемость.');
    expect(grade1.rows.at(-1)!.lessons).toBeGreaterThan(0);
  });

  // Reads "today" (the live server): whether a period's report is final or preliminary, and whose roster it is, is what the date changes.
  it('REP-14 on the demo of today: a period over is final with REP-1’s totals, the running one preliminary up to today, one ahead says it has not begun', async () => {
    const school = await loadStoredDoc(live.storage, 'school/demo/2026');
    const students = listStudents(await loadStoredDoc(live.storage, 'journal/5b/2026'));
    // The 5Б students who arrived (09.11) and left (16.10): on a period's roster as its cutoff says.
    const moved = students.filter((s) => s.enrolledOn !== null || s.leftOn !== null);
    expect(moved).toHaveLength(2);
    const today = schoolDay(live.clock.now(), school);
    const { all } = periodsOfToday(school, 5, today);
    for (const [periodId, period] of all) {
      const t = await report(`/api/reports/class-teacher?class=5b&period=${periodId}`, live);
      const cutoff = cutoffOf(period, today);
      if (period.endsOn < today) {
        expect(t.scope, periodId).toContain('по итоговым отметкам');
        expect(t.notes, periodId).not.toContain(PRELIMINARY_NOTE);
        const rep1 = (await report(`/api/reports/class-results?class=5b&period=${periodId}`, live)).rows.at(-1)!;
        const mine = t.rows.at(-1)!;
        expect(mine.student).toBe('Итого по классу');
        for (const k of ['n5', 'n4', 'n3', 'n2', 'none', 'success', 'quality', 'mean']) expect(mine[k], `${periodId}: ${k}`).toBe(rep1[k]);
      } else {
        expect(t.scope, periodId).toContain(`предварительный, по ${printed(cutoff)}`);
        expect(t.notes, periodId).toContain(PRELIMINARY_NOTE);
      }
      expect((t.notes ?? []).includes('Период ещё не начался: отметок и пропусков за него нет.'), periodId).toBe(period.startsOn > today);
      for (const s of moved) {
        const enrolled = (s.enrolledOn === null || s.enrolledOn <= cutoff) && (s.leftOn === null || cutoff < s.leftOn);
        expect(
          t.rows.some((r) => r.student === s.name),
          `${periodId}: ${s.name}`,
        ).toBe(enrolled);
      }
    }
  });

  // November's marks of the arrival, read from the lived-in school (the fixture server).
  it('REP-15: the printout shows every mark of the student in the range, from the lessons after the arrival only', async () => {
    const t = await report(`/api/reports/diary?class=5b&student=${arrived.id}&from=2026-11-02&to=2026-11-20`);
    const journal = await loadStoredDoc(server.storage, 'journal/5b/2026');
    const stored = allMarks(journal).filter((m) => {
      const date = parseLessonId(m.lessonId)!.date;
      return m.studentId === arrived.id && date >= '2026-11-02' && date <= '2026-11-20';
    });
    expect(stored.length).toBeGreaterThan(0);
    expect(t.rows.filter((r) => typeof r.marks === 'string').length).toBe(stored.length);
    // She arrived on 09.11: no lesson before.
    const dates = t.rows.map((r) => r.date).filter((d): d is string => typeof d === 'string');
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.some((d) => ['02.11', '03.11', '05.11', '06.11', '07.11'].includes(d.slice(0, 5)))).toBe(false);
    expect(t.notes).toContain('Прибыл(а) в класс 09.11.2026: уроки до этого дня не показаны.');
    const file = await get(`/api/reports/diary?class=5b&student=${arrived.id}&format=csv`);
    expect(file.headers.get('content-disposition')).toContain(`diary-5b-${arrived.id}.csv`);
  });

  it('REP-15: a student not on the class’s roster, or none, is a 400 with a clear Russian error; others’ classes are 403', async () => {
    const other = await get(`/api/reports/diary?class=5b&student=${firstGrader.id}`);
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: string }).error).toBe(`Ученика «${firstGrader.id}» нет в списке класса 5Б`);
    const none = await get('/api/reports/diary?class=5b');
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: string }).error).toBe('Укажите ученика');
    expect((await get(`/api/reports/diary?class=5b&student=${arrived.id}&from=2026-11-20&to=2026-11-02`)).status).toBe(400);
    expect((await get('/api/reports/diary?student=x')).status).toBe(400);
    const primary = await server.login('primary');
    expect((await get(`/api/reports/diary?class=5b&student=${arrived.id}`, primary)).status).toBe(403);
    expect((await get(`/api/reports/class-teacher?class=5b&period=q1`, primary)).status).toBe(403);
  });
});
