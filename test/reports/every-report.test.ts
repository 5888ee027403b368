import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStudents, type ReportTable } from '../../model/index.ts';
import { REPORTS } from '../../sync-server/reports/report-registry.ts';
import { popplerAvailable, POPPLER_MISSING } from '../helpers/poppler.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { expectCsvToMatch, expectXlsxToMatch } from './report-files.ts';

const POPPLER = popplerAvailable();
if (!POPPLER && process.env.CI === 'true') throw new Error(POPPLER_MISSING);
if (!POPPLER) console.warn(`SKIPPED the PDF part of every report: ${POPPLER_MISSING}`);

/**
 * REP-0 for every registered report, on the demo school: JSON, a CSV and an XLSX with the same
 * figures, a PDF that renders and shows the report's title — for 5Б, and for the whole school
 * where the report allows it. It reads the demo as a lived-in school (November, q1, and the
 * reports' defaults of "today" — the diary's last two weeks, the period of today — inside the
 * year), not what day it is: the server's clock starts on DEMO_FIXTURE_DAY.
 */
describe('every report in every format on the demo school (REP-0)', () => {
  let server: TestServer;
  let deputy: string;
  /** A student of 5Б from the stored journal, for the reports that need one (the diary). */
  let student = '';
  const tmp = mkdtempSync(join(tmpdir(), 'every-report-'));
  const get = (path: string) => fetch(`${server.origin}${path}`, { headers: { cookie: deputy } });

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    deputy = await server.login('deputy');
    student = listStudents(await loadStoredDoc(server.storage, 'journal/5b/2026'))[0].id;
  });
  afterAll(async () => {
    await server.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  const cases = REPORTS.flatMap((r) => {
    const month = r.needs.includes('month') ? '&month=2026-11' : '';
    const period = r.needs.includes('period') ? '&period=q1' : '';
    // The student is known once the server has stored the demo: filled in by the test.
    const withStudent = r.needs.includes('student') ? '&student={student}' : '';
    const forClass = { name: `${r.kind} · 5Б`, url: `/api/reports/${r.kind}?class=5b${period}${month}${withStudent}`, title: r.title };
    return r.needs.includes('class')
      ? [forClass]
      : [forClass, { name: `${r.kind} · школа`, url: `/api/reports/${r.kind}?x=1${month}`, title: r.title }];
  });

  it.each(cases)('REP-0: $name — JSON, CSV, XLSX and PDF agree', async ({ url: asked, title }) => {
    const url = asked.replace('{student}', student);
    const res = await get(url);
    expect(res.status, await res.clone().text()).toBe(200);
    const table = ((await res.json()) as { report: ReportTable }).report;
    // A student's report names the student after its title (REP-15): «Выписка из электронного дневника: …, 5Б».
    if (url.includes('&student=')) expect(table.title.startsWith(`${title}: `), table.title).toBe(true);
    else expect(table.title).toBe(title);
    expect(table.formula.length).toBeGreaterThan(0);
    expectCsvToMatch(table, await (await get(`${url}&format=csv`)).text());
    await expectXlsxToMatch(table, await (await get(`${url}&format=xlsx`)).arrayBuffer());
    const pdf = await get(`${url}&format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    if (!POPPLER) return;
    const file = join(tmp, `${table.kind}.pdf`);
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, ' ')).toContain(title);
    execFileSync('pdftoppm', ['-png', '-r', '20', '-f', '1', '-l', '1', file, join(tmp, table.kind)]);
  });
});
