import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReportCell, isEnrolledOn, listStudents, type ReportTable } from '../../model/index.ts';
import { hex } from '../../sync-server/archive/replay.ts';
import { popplerAvailable, POPPLER_MISSING } from '../helpers/poppler.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';
import { cutoffOf, periodsOfToday, schoolDay } from './period-of-today.ts';

const POPPLER = popplerAvailable();
if (!POPPLER && process.env.CI === 'true') throw new Error(POPPLER_MISSING);
if (!POPPLER) console.warn(`SKIPPED the PDF checks of reports: ${POPPLER_MISSING}`);

/** REP-0: every report over HTTP, in every format, for whom it is meant. */
describe('reports over HTTP (REP-0)', () => {
  /** The demo as a lived-in school on DEMO_FIXTURE_DAY (q1 over, its finals set): the tests not about what day it is. */
  let server: TestServer;
  let deputy: string;
  /** The demo seeded on the process's day (JOURNAL_CLOCK or the real one): the test of what "today" changes. */
  let live: TestServer;
  const tmp = mkdtempSync(join(tmpdir(), 'reports-'));
  const get = (path: string, cookie = deputy) => fetch(`${server.origin}${path}`, { headers: { cookie } });
  const json = async (path: string) => ((await (await get(path)).json()) as { report: ReportTable }).report;
  const URL_5B = '/api/reports/class-results?class=5b&period=q1';

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    deputy = await server.login('deputy');
    live = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
    await live.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  // q1's figures of the lived-in school (the fixture server), as the PDF and access tests below.
  it('REP-0: the list of reports needs a session; a report is JSON with its formula', async () => {
    expect((await fetch(`${server.origin}/api/reports`)).status).toBe(401);
    const list = (await (await get('/api/reports')).json()) as { reports: Array<{ kind: string }> };
    expect(list.reports.map((r) => r.kind)).toContain('class-results');
    const t = await json(URL_5B);
    expect(t.scope).toContain('5Б');
    expect(t.rows.length).toBeGreaterThan(5);
    expect(t.formula.join(' ')).toContain('Успеваемость, %');
  });

  it.skipIf(!POPPLER)(
    'REP-0: the PDF renders, shows the figures, who printed it and the hash of the signed snapshot it was printed from',
    async () => {
      const t = await json(URL_5B);
      const res = await get(`${URL_5B}&format=pdf`);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const file = join(tmp, 'class-results.pdf');
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Итоги успеваемости класса за период');
      expect(text).toContain('Морозова Ирина Владимировна');
      expect(text).toContain('Журнал 5Б: снимок до обновления');
      const maths = t.rows.find((r) => r.subject === 'Математика')!;
      expect(text).toMatch(new RegExp(`Математика\\s+${maths.students}\\s+${maths.n5}\\s+${maths.n4}\\s+${maths.n3}`));
      expect(text).toContain(formatReportCell(maths.success, 'percent'));
      const snapshot = (await server.storage.latestSignedSnapshot('journal/5b/2026'))!;
      expect(text.replace(/\s+/g, '')).toContain(hex(snapshot.sha256));
      execFileSync('pdftoppm', ['-png', '-r', '30', '-f', '1', '-l', '1', file, join(tmp, 'page')]);
      expect(existsSync(join(tmp, 'page-1.png'))).toBe(true);
    },
  );

  it('REP-0: a class’s report only for those who may open its journal; bad parameters get clear errors', async () => {
    const primary = await server.login('primary');
    expect((await get(URL_5B, primary)).status).toBe(403);
    const grade1 = (await (await get('/api/reports/class-results?class=1a', primary)).json()) as { report: ReportTable };
    expect(grade1.report.notes).toContain('В 1 классе отметки не ставятся: итогов успеваемости нет.');
    const unknownPeriod = await get('/api/reports/class-results?class=5b&period=h1');
    expect(unknownPeriod.status).toBe(400);
    expect(((await unknownPeriod.json()) as { error: string }).error).toContain('Неизвестный период');
    expect((await get('/api/reports/class-results')).status).toBe(400);
    expect((await get('/api/reports/nope?class=5b')).status).toBe(404);
    expect((await get(`${URL_5B}&format=docx`)).status).toBe(400);
  });

  // q1's finals as the lived-in school has them (the fixture server).
  it('REP-0: a report follows what teachers enter: the projection catches up with the stored log', async () => {
    const page = await mathPage(server.storage, server.today());
    const before = (await json(URL_5B)).rows.find((r) => r.subject === 'Математика')!;
    const teacher = connectClient(server, 'journal/5b/2026', await server.login('teacher'), { ext: true });
    await synced(teacher);
    // A student without a Q1 maths final gets a 5 (or, if all have one, one final changes to 5).
    const s = page.students.find((st) => (teacher.doc.getMap('finals').get(`math:all:q1:${st.id}`) ?? null) === null) ?? page.students[0];
    const had = teacher.doc.getMap('finals').get(`math:all:q1:${s.id}`) as { v: number } | null | undefined;
    teacher.doc.transact(() => teacher.doc.getMap('finals').set(`math:all:q1:${s.id}`, { v: 5 }));
    await waitFor(() => expect(teacher.acks.length).toBeGreaterThan(1));
    const after = (await json(URL_5B)).rows.find((r) => r.subject === 'Математика')!;
    expect(after.n5).toBe((before.n5 as number) + (had?.v === 5 ? 0 : 1));
    teacher.destroy();
  });

  // Reads "today" (the live server): which period a report means when none is asked for is what the date changes.
  it('REP-0 ∘ SCH-8: without a period, a class’s report is of today’s period — the running one, else the latest begun — with the class on its cutoff; before the year, a 400', async () => {
    const school = await loadStoredDoc(live.storage, 'school/demo/2026');
    const students = listStudents(await loadStoredDoc(live.storage, 'journal/5b/2026'));
    const today = schoolDay(live.clock.now(), school);
    const { current } = periodsOfToday(school, 5, today);
    const res = await fetch(`${live.origin}/api/reports/class-results?class=5b`, { headers: { cookie: await live.login('deputy') } });
    if (!current) {
      // No period has begun: there is none to report on, and the answer is a parameter error, not a failure.
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe(
        `Ни один учебный период ещё не начался: «1 четверть» — с 01.09.2026; выберите период`,
      );
      return;
    }
    expect(res.status, await res.clone().text()).toBe(200);
    const t = ((await res.json()) as { report: ReportTable }).report;
    const [, period] = current;
    expect(t.scope).toContain(`5Б · ${period.name} (`);
    // Its students are the class's on the cutoff: today while the period runs, its end once over.
    const cutoff = cutoffOf(period, today);
    expect(t.rows.find((r) => r.subject === 'Итого по классу')?.students).toBe(students.filter((s) => isEnrolledOn(s, cutoff)).length);
  });
});
