import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  formatReportCell,
  pageLessons,
  WHOLE_CLASS,
  type ClassId,
  type IsoDate,
  type PageFigures,
  type Period,
  type ReportTable,
  type SubjectId,
} from '../../model/index.ts';
import { popplerAvailable, POPPLER_MISSING } from '../helpers/poppler.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';
import { periodsOfToday, schoolDay } from './period-of-today.ts';
import { expectCsvToMatch, expectXlsxToMatch } from './report-files.ts';

const POPPLER = popplerAvailable();
if (!POPPLER && process.env.CI === 'true') throw new Error(POPPLER_MISSING);
if (!POPPLER) console.warn(`\n*** SKIPPED the PDF checks of monitoring's report: ${POPPLER_MISSING}\n`);

const JOURNAL = 'journal/5b/2026';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Monitoring {
  today: IsoDate;
  classes: Array<{ classId: string; periodId: string; from: string; to: string }>;
  pages: PageFigures[];
  notes: string[];
  students: Record<string, Record<string, string>>;
  remarks: Array<{ id: string; classId: string; state: string; overdue: boolean; answer: string }>;
}

/** MON-6, REM-4, REP-13 over HTTP on the demo school. */
describe('monitoring, remarks and the completeness report over HTTP', () => {
  /** The demo as a lived-in school (DEMO_FIXTURE_DAY, mid-q2): the tests not about what day it is. */
  let server: TestServer;
  let deputy: string;
  /** The demo seeded on the process's day (JOURNAL_CLOCK or the real one): the test of what "today" changes. */
  let live: TestServer;
  let liveDeputy: string;
  const tmp = mkdtempSync(join(tmpdir(), 'monitoring-'));
  const get = (path: string, cookie = deputy, s = server) => fetch(`${s.origin}${path}`, { headers: { cookie } });
  const monitoring = async (q = '', s = server, cookie = deputy) =>
    (await (await get(`/api/monitoring${q}`, cookie, s)).json()) as Monitoring;
  const maths = (m: Monitoring) => m.pages.find((p) => p.classId === '5b' && p.subjectId === 'math')!;

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    deputy = await server.login('deputy');
    live = await startTestServer();
    liveDeputy = await live.login('deputy');
  });
  afterAll(async () => {
    await server.dispose();
    await live.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  // Not about the date: the fixture server.
  it('MON-6: the deputy, the director and the administrator get it; a teacher does not; bad parameters are 400', async () => {
    expect((await fetch(`${server.origin}/api/monitoring`)).status).toBe(401);
    expect((await get('/api/monitoring', await server.login('teacher'))).status).toBe(403);
    expect((await get('/api/monitoring', await server.login('director'))).status).toBe(200);
    expect((await get('/api/monitoring', await server.login('admin'))).status).toBe(200);
    const bad = await get('/api/monitoring?period=q9');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('Неизвестный период');
    expect((await get('/api/monitoring?class=5b&period=h1')).status).toBe(400);
    expect((await get('/api/monitoring?class=nope')).status).toBe(400);
    // Quarters are not 10А's periods: with q2 it is left out, with a note.
    const q2 = await monitoring('?period=q2');
    expect(q2.classes.map((c) => c.classId)).toEqual(['1a', '5b']);
    expect(q2.notes.join(' ')).toContain('10А');
  });

  // Reads "today" (the live server): which period is counted, and up to which day, is what the date changes.
  it('MON-6: 5Б mathematics on the demo of today: the period of today (SCH-8) up to yesterday, with the lessons’ ids; before the year, none', async () => {
    const school = await loadStoredDoc(live.storage, 'school/demo/2026');
    const journal = await loadStoredDoc(live.storage, JOURNAL);
    const asked = live.clock.now();
    const m = await monitoring('', live, liveDeputy);
    expect([schoolDay(asked, school), schoolDay(live.clock.now(), school)]).toContain(m.today);
    const yesterday = addDays(m.today, -1);
    const to = (period: Period) => (period.endsOn < yesterday ? period.endsOn : yesterday);
    const counted = (period: Period) =>
      pageLessons(school, journal, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS).filter(
        (l) => l.date >= period.startsOn && l.date <= to(period),
      );
    // The running period, or after its end (holidays, after the year) the latest begun, counted up to its end.
    const { current, all } = periodsOfToday(school, 5, m.today);
    let shown = m;
    if (!current) {
      // Before the year no period has begun: 5Б is left out, with a note; its first period, asked for, has nothing held yet.
      expect(m.classes.map((c) => c.classId)).not.toContain('5b');
      expect(m.notes).toContain('5Б: ни один учебный период ещё не начался: «1 четверть» — с 01.09.2026 — класс не учтён.');
      shown = await monitoring(`?period=${all[0][0]}`, live, liveDeputy);
    }
    const [periodId, period] = current ?? all[0];
    expect(shown.classes.find((c) => c.classId === '5b')).toMatchObject({ periodId, from: period.startsOn, to: to(period) });
    const expected = counted(period);
    if (!current) expect(expected).toEqual([]);
    const p = maths(shown);
    expect(p.teacherId).toBe('u-teacher');
    expect(p.held).toEqual(expected.map((l) => l.id));
    expect(p.substituted).toEqual(expected.filter((l) => l.substituteId !== null).map((l) => l.id));
    // The demo school is loaded whole, without change rows: nothing can be judged yet.
    expect(p.recordedUnknown.length).toBe(p.recorded.length);
    expect(p.recordedOnTime.length + p.recordedLate.length).toBe(0);
    // Every student a figure lists is named.
    for (const s of [...p.noMarks, ...p.oneMark]) expect(shown.students['5b'][s]).toBeTruthy();
  });

  // Needs past lessons with topics, read as a lived-in school: the fixture server, whose clock is after those lesson days.
  it('MON-2: a topic the teacher removes shows as missing; entered again now, after the lesson day, it is late; a mark too', async () => {
    const teacher = connectClient(server, JOURNAL, await server.login('teacher'), { ext: true });
    await synced(teacher);
    const before = maths(await monitoring());
    const lesson = before.held.find((id) => !before.substituted.includes(id))!;
    const lessons = teacher.doc.getMap('lessons');
    const topic = lessons.get(`${lesson}:topic`) as string;
    const acked = async (c: TestClient, fn: () => void) => {
      const n = c.acks.length;
      c.doc.transact(fn);
      await waitFor(() => expect(c.acks.length).toBeGreaterThan(n));
    };
    await acked(teacher, () => lessons.set(`${lesson}:topic`, ''));
    expect(maths(await monitoring()).withoutTopic).toContain(lesson);
    await acked(teacher, () => lessons.set(`${lesson}:topic`, topic));
    const after = maths(await monitoring());
    expect(after.withoutTopic).not.toContain(lesson);
    expect(after.recordedLate).toEqual([lesson]);
    // An oral mark entered now for that past lesson: late by the server's clock (no clock offset sent).
    const student = (await mathPage(server.storage, server.today())).students[0];
    const key = `${lesson}:${student.id}:3`;
    await acked(teacher, () => teacher.doc.getMap('marks').set(key, [5, 'oral', 1]));
    const marked = maths(await monitoring());
    expect(marked.marks).toContain(key);
    expect(marked.marksLate).toEqual([key]);
    teacher.destroy();
  });

  // The remark's life, not the date: the fixture server, with a period of 5Б running for the period-close check.
  it('REM-3, REM-4: a remark past its deadline is overdue on monitoring and listed by the period-close check; answered, it is neither', async () => {
    const d = connectClient(server, JOURNAL, deputy, { ext: true });
    await synced(d);
    const remarks = d.doc.getMap('remarks');
    // The server's own day (fixture server): a deadline of yesterday is past.
    const yesterday = addDays((await monitoring()).today, -1);
    const n = d.acks.length;
    d.doc.transact(() => {
      for (const [f, v] of Object.entries({
        subjectId: 'math',
        groupId: 'all',
        text: 'Не записаны темы',
        deadline: yesterday,
        createdBy: 'u-deputy',
        createdAt: new Date(server.clock.now()).toISOString(),
        state: 'open',
      }))
        remarks.set(`rem00001:${f}`, v);
    });
    await waitFor(() => expect(d.acks.length).toBeGreaterThan(n));
    expect(d.rejects).toEqual([]);
    const m = await monitoring();
    expect(m.remarks).toEqual([expect.objectContaining({ id: 'rem00001', classId: '5b', state: 'open', overdue: true })]);
    const period = m.classes.find((c) => c.classId === '5b')!.periodId;
    const readiness = async () =>
      (await (await get(`/api/periods/readiness?class=5b&period=${period}`)).json()) as { ready: boolean; remarks: Array<{ id: string }> };
    const open = await readiness();
    expect(open.remarks.map((r) => r.id)).toEqual(['rem00001']);
    expect(open.ready).toBe(false);

    // The teacher answers: the state «answered» with the answer (PERM-11); nothing is refused.
    const teacher = connectClient(server, JOURNAL, await server.login('teacher'), { ext: true });
    await synced(teacher);
    const t = teacher.acks.length;
    teacher.doc.transact(() => {
      teacher.doc.getMap('remarks').set('rem00001:answer', 'Темы записаны');
      teacher.doc.getMap('remarks').set('rem00001:state', 'answered');
    });
    await waitFor(() => expect(teacher.acks.length).toBeGreaterThan(t));
    expect(teacher.rejects).toEqual([]);
    // …but may not close it: refused and put back.
    teacher.doc.transact(() => teacher.doc.getMap('remarks').set('rem00001:state', 'closed'));
    await waitFor(() => expect(teacher.rejects.map((r) => r.path)).toEqual(['remarks/rem00001:state']));
    await waitFor(() => expect(teacher.doc.getMap('remarks').get('rem00001:state')).toBe('answered'));
    const answered = await monitoring();
    expect(answered.remarks[0]).toMatchObject({ state: 'answered', overdue: false, answer: 'Темы записаны' });
    expect((await readiness()).remarks).toEqual([]);
    teacher.destroy();
    d.destroy();
  });

  // Measured on the lived-in school (the fixture server): before the year there would be nothing to count.
  it('MON-6: the whole school and the completeness report answer; their times are printed (median of 5)', async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      expect((await get('/api/monitoring')).status).toBe(200);
      times.push(performance.now() - t);
    }
    const report: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      expect((await get('/api/reports/completeness')).status).toBe(200);
      report.push(performance.now() - t);
    }
    console.log(
      `monitoring of the demo school: median ${median(times).toFixed(0)} ms (${times.map((x) => x.toFixed(0)).join(', ')}); completeness report JSON: median ${median(report).toFixed(0)} ms (${report.map((x) => x.toFixed(0)).join(', ')})`,
    );
    // The figures are printed, not asserted: a test on a busy CI machine is no benchmark.
    expect(times).toHaveLength(5);
  });

  // A report's files agreeing on the lived-in school (the fixture server).
  it.each([
    { name: 'школа', url: '/api/reports/completeness?x=1' },
    { name: '5Б, 2 четверть', url: '/api/reports/completeness?class=5b&period=q2' },
  ])('REP-13: $name — JSON, CSV (papaparse), XLSX (exceljs) and PDF show the same figures', async ({ url }) => {
    const res = await get(url);
    expect(res.status).toBe(200);
    const table = ((await res.json()) as { report: ReportTable }).report;
    expect(table.title).toBe('Полнота и своевременность заполнения журнала');
    expect(table.rows.length).toBeGreaterThan(5);
    const m = await monitoring(url.includes('class=') ? '?class=5b&period=q2' : '');
    // One computation: the report's lessons held are the monitoring's.
    const held = m.pages.reduce((n, p) => n + p.held.length, 0);
    expect(table.rows.find((r) => r.teacher === 'Итого')!.held).toBe(held);
    expectCsvToMatch(table, await (await get(`${url}&format=csv`)).text());
    await expectXlsxToMatch(table, await (await get(`${url}&format=xlsx`)).arrayBuffer());
    const pdf = await get(`${url}&format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    if (!POPPLER) return;
    const file = join(tmp, 'completeness.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, ' ')).toContain(table.title);
    const maths = table.rows.find((r) => r.teacher === 'Смирнова Ольга Петровна' && r.class === '5Б' && r.subject === 'Математика')!;
    expect(text).toMatch(new RegExp(`Математика\\s+${maths.held}\\s+${maths.recorded}`));
    expect(text).toContain(formatReportCell(maths.homework, 'percent'));
    mkdirSync('screenshots', { recursive: true });
    const name = url.includes('class=') ? 'report-completeness-5b' : 'report-completeness-school';
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, join('screenshots', name)]);
  });
});
