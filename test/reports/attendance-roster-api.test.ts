import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReportCell, substitutions, type ReportTable } from '../../model/index.ts';
import { popplerAvailable, POPPLER_MISSING } from '../helpers/poppler.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { expectCsvToMatch, expectXlsxToMatch } from './report-files.ts';

const POPPLER = popplerAvailable();
if (!POPPLER && process.env.CI === 'true') throw new Error(POPPLER_MISSING);
if (!POPPLER) console.warn(`\n*** SKIPPED the PDF checks of REP-7…REP-12: ${POPPLER_MISSING}\n`);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A row as `pdftotext -layout` lays it out: its cells as the PDF prints them, in order, blanks skipped. */
function rowPattern(t: ReportTable, r: ReportTable['rows'][number]): RegExp {
  const cells = t.columns.map((c) => formatReportCell(r[c.key] ?? null, c.format)).filter((s) => s !== '');
  return new RegExp(cells.map(escape).join('\\s+'));
}

interface Case {
  name: string;
  url: string;
  /** A figure the PDF must show, and the file name of its first page as PNG. */
  figure(t: ReportTable): RegExp;
}

const lastRow = (t: ReportTable) => rowPattern(t, t.rows.at(-1)!);

const CASES: Case[] = [
  { name: 'attendance-month-5b', url: '/api/reports/attendance-month?class=5b&month=2026-11', figure: lastRow },
  { name: 'attendance-month-1a', url: '/api/reports/attendance-month?class=1a&month=2026-10', figure: lastRow },
  { name: 'attendance-school', url: '/api/reports/attendance-school', figure: lastRow },
  { name: 'attendance-school-10a', url: '/api/reports/attendance-school?class=10a', figure: lastRow },
  { name: 'missed-topics-5b', url: '/api/reports/missed-topics?class=5b&period=q1', figure: (t) => new RegExp(escape(t.notes![0])) },
  { name: 'movement', url: '/api/reports/movement', figure: lastRow },
  { name: 'movement-5b', url: '/api/reports/movement?class=5b', figure: lastRow },
  { name: 'class-fill', url: '/api/reports/class-fill', figure: lastRow },
  { name: 'substitutions', url: '/api/reports/substitutions?month=2026-11', figure: lastRow },
  { name: 'substitutions-5b', url: '/api/reports/substitutions?class=5b&month=2026-11', figure: lastRow },
];

/**
 * REP-7 … REP-12 over HTTP on the demo school, as the deputy: each report in JSON, CSV
 * (papaparse), XLSX (exceljs) and PDF (poppler) with the same figures; and what the demo
 * school is known to hold (5Б's departure on 16.10 and arrival on 09.11, its English groups,
 * `substitute`'s lessons) read back from the reports, which must agree with one another.
 * `REPORT_PNG_DIR=dir` keeps each PDF there with its first page as a PNG, to look at.
 * Every test here reads the demo as a lived-in school (November's figures, the 16.10 departure,
 * the 09.11 arrival), not what day it is: the server's clock starts on DEMO_FIXTURE_DAY.
 */
describe('attendance, movement, class fill and substitutions over HTTP (REP-7 … REP-12)', () => {
  let server: TestServer;
  let deputy: string;
  const tmp = mkdtempSync(join(tmpdir(), 'rep7-12-'));
  const get = (path: string, cookie = deputy) => fetch(`${server.origin}${path}`, { headers: { cookie } });
  const json = async (path: string) => {
    const res = await get(path);
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { report: ReportTable }).report;
  };

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    deputy = await server.login('deputy');
  });
  afterAll(async () => {
    await server.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  it.each(CASES)('REP-7…REP-12: $name — JSON 200, CSV and XLSX with its figures, a PDF that shows its title and a figure', async (c) => {
    const t = await json(c.url);
    expect(t.rows.length).toBeGreaterThan(0);
    expectCsvToMatch(t, await (await get(`${c.url}${c.url.includes('?') ? '&' : '?'}format=csv`)).text());
    await expectXlsxToMatch(t, await (await get(`${c.url}${c.url.includes('?') ? '&' : '?'}format=xlsx`)).arrayBuffer());
    const pdf = await get(`${c.url}${c.url.includes('?') ? '&' : '?'}format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    if (!POPPLER) return;
    const file = join(tmp, `${c.name}.pdf`);
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, ' ')).toContain(t.title);
    expect(text).toMatch(c.figure(t));
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, join(tmp, c.name)]);
    expect(existsSync(join(tmp, `${c.name}.png`))).toBe(true);
    const keep = process.env.REPORT_PNG_DIR;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      copyFileSync(join(tmp, `${c.name}.png`), join(keep, `${c.name}.png`));
      copyFileSync(file, join(keep, `${c.name}.pdf`));
    }
  });

  it('REP-10, REP-11: 5Б’s departure on 16.10 and arrival on 09.11, its English groups, and the ledger adds up', async () => {
    const m = await json('/api/reports/movement');
    const b5 = m.rows.filter((r) => r.class === '5Б');
    expect(b5.filter((r) => r.event === 'Выбыл(а)').map((r) => r.date)).toEqual(['16.10.2026']);
    expect(b5.filter((r) => r.event === 'Прибыл(а)').map((r) => r.date)).toEqual(['09.11.2026']);
    const [start, now] = m.rows.filter((r) => r.class === 'Итого по школе');
    expect((start.count as number) + (now.arrived as number) - (now.left as number)).toBe(now.count);
    expect(start.count).toBe(25 + 26 + 24 - 1); // the 5Б arrival came later

    const fill = await json('/api/reports/class-fill');
    const whole = fill.rows.find((r) => r.class === '5Б' && r.group === 'Весь класс')!;
    const english = fill.rows.filter((r) => r.class === '5Б' && /, [12] группа$/.test(String(r.group)));
    expect(english).toHaveLength(2);
    expect(english.reduce((n, r) => n + (r.students as number), 0)).toBe(whole.students);
    expect(whole.teacher).toBe('Лебедева Елена Николаевна');
    expect(fill.rows.filter((r) => r.class === '1А').map((r) => r.group)).toEqual(['Весь класс']);
    // «Сейчас» in the movement ledger and «Весь класс» in the fill are one count.
    expect(m.rows.find((r) => r.class === '5Б' && r.event === 'Сейчас')!.count).toBe(whole.students);
  });

  it('REP-7, REP-8, REP-9: one class’s November agrees across the reports; the arrival is marked, the departure gone', async () => {
    const month = await json('/api/reports/attendance-month?class=5b&month=2026-11');
    const students = month.rows.filter((r) => r.student !== 'Итого по классу');
    expect(students.filter((r) => r.note === 'прибыл(а) 09.11.2026')).toHaveLength(1);
    expect(students.length).toBe(26 - 1); // the one who left on 16.10 is not on November's roster
    const total = month.rows.at(-1)!;
    expect(total.lessons).toBe(students.reduce((n, r) => n + (r.lessons as number), 0));
    expect(total.lessons).toBeGreaterThan(0);
    expect((total.lessonsIll as number) + (total.lessonsExcused as number) + (total.lessonsUnexcused as number)).toBe(total.lessons);

    const school = await json('/api/reports/attendance-school');
    const nov = school.rows.find((r) => r.class === '5Б' && r.month === 'Ноябрь 2026')!;
    expect(nov).toMatchObject({ students: students.length, missed: total.lessons, unexcused: total.lessonsUnexcused });

    const topics = await json('/api/reports/missed-topics?class=5b&period=q2');
    // The 2nd quarter starts on 05.11: its November lines are November's missed lessons.
    expect(topics.rows.filter((r) => String(r.date).endsWith('.11.2026')).length).toBe(total.lessons);
  });

  it('REP-12: `substitute`’s November substitutions of `teacher`, and nothing left unfilled in the demo', async () => {
    const t = await json('/api/reports/substitutions?month=2026-11');
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    // Counted up to yesterday: the substitutions before the server's today.
    const today = server.today();
    const held = substitutions.all(school).filter(([, s]) => s.date.startsWith('2026-11') && s.date < today).length;
    expect(t.rows.find((r) => r.teacher === 'Соколов Дмитрий Андреевич')).toMatchObject({ substituted: held });
    expect(t.rows.find((r) => r.teacher === 'Смирнова Ольга Петровна')).toMatchObject({ away: held });
    expect(t.rows.at(-1)).toMatchObject({ teacher: 'Итого', substituted: held, away: held, unfilled: 0 });
  });

  it('REP-8, REP-10, REP-11, REP-12: school-wide reports are the administration’s; a teacher gets one of their class', async () => {
    const teacher = await server.login('classteacher');
    expect((await get('/api/reports/attendance-school', teacher)).status).toBe(403);
    expect((await get('/api/reports/movement?class=5b', teacher)).status).toBe(200);
    expect((await get('/api/reports/substitutions?month=2026-13')).status).toBe(400);
  });
});
