import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  change,
  readFinal,
  setFinal,
  YEAR_FINAL,
  yearResults,
  type ClassId,
  type GroupId,
  type IsoDate,
  type PeriodId,
  type ReportTable,
  type Student,
  type SubjectId,
} from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { popplerAvailable, POPPLER_MISSING } from '../helpers/poppler.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';
import { expectCsvToMatch, expectXlsxToMatch } from './report-files.ts';

const POPPLER = popplerAvailable();
if (!POPPLER && process.env.CI === 'true') throw new Error(POPPLER_MISSING);
if (!POPPLER) console.warn(`SKIPPED the PDF checks of the year finals: ${POPPLER_MISSING}`);

const JOURNAL = 'journal/5b/2026';
const MATH = 'math' as SubjectId;
const ALL = 'all' as GroupId;
const Q1 = 'q1' as PeriodId;

/**
 * Year finals written through the real server, as the finals page writes them, on the demo as a
 * lived-in school (9 December: q1 over with its finals, q2 running): the year's results, the
 * summary sheet's year column in every form, and the deadlines that apply to finals.
 */
describe('year finals over HTTP (REP-17, REP-2, TIME-3, PERM-7, PERM-10)', () => {
  let server: TestServer;
  let deputy: string;
  let teacher: TestClient;
  let students: Student[];
  const clients: TestClient[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'year-finals-'));
  const get = (path: string) => fetch(`${server.origin}${path}`, { headers: { cookie: deputy } });
  const report = async (path: string) => ((await (await get(path)).json()) as { report: ReportTable }).report;
  const open = async (login: string) => {
    const c = connectClient(server, JOURNAL, await server.login(login), { ext: true });
    clients.push(c);
    await synced(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    deputy = await server.login('deputy');
    students = (await mathPage(server.storage, server.today())).students.slice(0, 3);
    teacher = await open('teacher');
    const [s0, s1, s2] = students.map((s) => s.id);
    const q1 = readFinal(teacher.doc, MATH, ALL, Q1, s2);
    // Two year finals, and a correction of a q1 final long after q1's end.
    change(teacher.doc, 'test', () => {
      setFinal(teacher.doc, MATH, ALL, YEAR_FINAL, s0, 5);
      setFinal(teacher.doc, MATH, ALL, YEAR_FINAL, s1, 3);
      setFinal(teacher.doc, MATH, ALL, Q1, s2, q1 === 5 ? 4 : 5);
    });
    await waitFor(async () => expect(readFinal(await loadStoredDoc(server.storage, JOURNAL), MATH, ALL, YEAR_FINAL, s1)).toBe(3));
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('REP-17: the year results count the year finals set and forecast the others, the same in JSON, CSV, XLSX and PDF', async () => {
    const url = '/api/reports/year-results?class=5b';
    const t = await report(url);
    // The same computation on the stored documents: the projection has caught up with the socket's writes.
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const journal = await loadStoredDoc(server.storage, JOURNAL);
    const input = { school, journals: new Map([['5b' as ClassId, journal]]), params: { classId: '5b' }, today: server.today() as IsoDate };
    expect(t).toEqual(JSON.parse(JSON.stringify(yearResults(input))));
    expect(t.scope).toBe(`5Б · 2026/2027 учебный год · предварительный, по ${DEMO_FIXTURE_DAY.split('-').reverse().join('.')}`);
    expect(t.notes?.[2]).toMatch(/^Выставленные годовые отметки \(2\) учтены как годовые/);
    const maths = t.rows.find((r) => r.subject === 'Математика')!;
    expect(maths.students).toBe(25);
    expectCsvToMatch(t, await (await get(`${url}&format=csv`)).text());
    await expectXlsxToMatch(t, await (await get(`${url}&format=xlsx`)).arrayBuffer());
    if (!POPPLER) return;
    const file = join(tmp, 'year-results.pdf');
    writeFileSync(file, Buffer.from(await (await get(`${url}&format=pdf`)).arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Итоги успеваемости класса за год');
    expect(text).toMatch(new RegExp(`Математика\\s+${maths.students}\\s+${maths.n5}\\s+${maths.n4}\\s+${maths.n3}`));
  });

  it('REP-2, ARC-17: the summary sheet has its year column, in the report and in the printed sheet', async () => {
    const sheet = await report('/api/reports/finals-sheet?class=5b');
    const row = (s: Student) => sheet.rows.find((r) => r.student === s.name)!;
    expect([row(students[0])['math:year'], row(students[1])['math:year'], row(students[2])['math:year']]).toEqual([5, 3, null]);
    if (!POPPLER) return;
    const res = await get('/api/print/finals?class=5b');
    expect(res.status).toBe(200);
    const file = join(tmp, 'finals.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Год — годовая отметка');
    expect(text).toMatch(/I II III IV Год/);
  });

  it('TIME-3: a final set after its period’s deadline is a late entry; the year final has no deadline of its own', async () => {
    const res = await get(`/api/history/late?doc=${JOURNAL}&from=0&to=${server.clock.now() + 365 * 86_400_000}`);
    const entries = ((await res.json()) as { entries: Array<{ path: string; deadline: { rule: string } }> }).entries;
    const finals = entries.filter((e) => e.path.startsWith('finals/'));
    expect(finals).toEqual([
      expect.objectContaining({ path: `finals/math:all:q1:${students[2].id}`, deadline: expect.objectContaining({ rule: 'period-end' }) }),
    ]);
  });

  it('PERM-7, PERM-10: a year final only by the subject’s teacher; closing a quarter leaves the year open', async () => {
    const english = await open('english1');
    const s = students[2].id;
    english.doc.transact(() => english.doc.getMap('finals').set(`math:all:year:${s}`, { v: 4 }));
    await waitFor(() =>
      expect(english.rejects).toContainEqual(expect.objectContaining({ reason: 'forbidden', path: `finals/math:all:year:${s}` })),
    );
    const closed = await fetch(`${server.origin}/api/periods/close`, {
      method: 'POST',
      headers: { cookie: deputy, 'content-type': 'application/json', origin: server.origin },
      body: JSON.stringify({ classId: '5b', periodId: 'q1' }),
    });
    // The closure is in the server's school year once the answer is sent (rights-routes.ts).
    expect(closed.status).toBe(200);
    const rejects = teacher.rejects.length;
    change(teacher.doc, 'test', () => {
      setFinal(teacher.doc, MATH, ALL, Q1, s, 2);
      setFinal(teacher.doc, MATH, ALL, YEAR_FINAL, s, 4);
    });
    await waitFor(() =>
      expect(teacher.rejects.slice(rejects)).toContainEqual(
        expect.objectContaining({ reason: 'period-closed', path: `finals/math:all:q1:${s}` }),
      ),
    );
    await waitFor(async () => expect(readFinal(await loadStoredDoc(server.storage, JOURNAL), MATH, ALL, YEAR_FINAL, s)).toBe(4));
    expect(teacher.rejects.slice(rejects).map((r) => r.path)).toEqual([`finals/math:all:q1:${s}`]);
  });
});
