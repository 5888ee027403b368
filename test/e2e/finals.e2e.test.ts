import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  finalColumns,
  finalsRoster,
  hasFinalIn,
  readFinal,
  YEAR_FINAL,
  type GroupId,
  type PeriodId,
  type ReportTable,
  type StudentId,
  type SubjectId,
} from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { cellText, signIn } from './pages.ts';

const JOURNAL = 'journal/5b/2026';
const VIEWPORT = { width: 1400, height: 900 };
const MATH = 'math' as SubjectId;
const ALL = 'all' as GroupId;
const Q2 = 'q2' as PeriodId;

const status = (page: Page, attr: string) => page.getByTestId('sync-status').getAttribute(attr);
/** The test id of the focused element: where the keyboard is. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

/**
 * E2E-26 on the demo as a lived-in school (9 December: the 2nd quarter runs, the 1st quarter's
 * finals are set): the maths teacher opens «Итоговые» from 5Б's journal page and types the quarter's
 * and the year's finals from the keyboard; they reach the server, the summary sheet and the year's
 * results; a final typed offline into a quarter the deputy closes meanwhile is refused by the server
 * and the quarter's column is greyed out.
 */
describe.runIf(chromiumAvailable())('finals from the keyboard (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('E2E-26: the teacher enters finals from the keyboard; the summary sheet and the year results show them; a final in a closed period is refused', async () => {
    const { server, browser } = scene;
    // Four students one under another on the page, each there all year (no arrival or departure).
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const rows = finalsRoster(await loadStoredDoc(server.storage, JOURNAL), ALL, MATH, finalColumns(school, 5, MATH));
    const whole = new Set((await mathPage(server.storage, server.today())).students.map((s) => s.id));
    const first = rows.findIndex((_, i) => rows.slice(i, i + 4).every((s) => whole.has(s.id)));
    const students = rows.slice(first, first + 4);
    expect(students).toHaveLength(4);
    const [s0, s1, s2, s3] = students.map((s) => s.id);
    const cell = (s: StudentId, p: string) => `final-${s}-${p}`;
    const context = await browser.newContext({ viewport: VIEWPORT });
    const teacher = await signIn(context, server.origin, 'teacher');

    // From the journal page to its finals.
    await teacher.goto(`${server.origin}/#/journal/5b/math/all`);
    await teacher.getByTestId('journal-grid').waitFor();
    await teacher.getByTestId('finals-link').click();
    await teacher.getByTestId(cell(s0, 'q2')).waitFor();
    expect(await teacher.getByTestId('finals-title').innerText()).toContain('5Б · Математика');
    // The 1st quarter's finals the demo set, and beside each quarter the final the marks justify.
    const stored = await loadStoredDoc(server.storage, JOURNAL);
    const q1 = readFinal(stored, MATH, ALL, 'q1' as PeriodId, s0);
    expect(await cellText(teacher, cell(s0, 'q1'))).toBe(q1 === null ? '' : String(q1));
    expect(await teacher.getByTestId(`expected-${s0}-q2`).innerText()).toMatch(/\d.*из \d+ отмет|мало отметок/);
    expect(await teacher.getByTestId(cell(s0, 'q2')).getAttribute('contenteditable')).toBe('true');

    // Keyboard: each digit writes and moves to the next student; Delete clears; Enter moves down.
    await teacher.getByTestId(cell(s0, 'q2')).click();
    await teacher.keyboard.type('543');
    await expect.poll(() => focused(teacher)).toBe(cell(s3, 'q2'));
    expect([
      await cellText(teacher, cell(s0, 'q2')),
      await cellText(teacher, cell(s1, 'q2')),
      await cellText(teacher, cell(s2, 'q2')),
    ]).toEqual(['5', '4', '3']);
    await teacher.keyboard.press('ArrowUp');
    await teacher.keyboard.press('Delete');
    await expect.poll(() => cellText(teacher, cell(s2, 'q2'))).toBe('');
    await teacher.keyboard.type('4');
    await expect.poll(() => cellText(teacher, cell(s2, 'q2'))).toBe('4');
    await teacher.keyboard.press('ArrowRight');
    await teacher.keyboard.press('ArrowRight');
    await teacher.keyboard.press('ArrowRight');
    await expect.poll(() => focused(teacher)).toBe(cell(s3, YEAR_FINAL));
    // A student who gets no q2 final (left in the 1st quarter) is greyed out and skipped as the teacher types.
    const q2 = finalColumns(school, 5, MATH).find((c) => c.id === Q2)!;
    const gone = rows.findIndex(
      (g, i) => i > 0 && !hasFinalIn(g, ALL, MATH, q2) && whole.has(rows[i - 1].id) && whole.has(rows[i + 1]?.id),
    );
    const [above, out, below] = [rows[gone - 1].id, rows[gone].id, rows[gone + 1].id];
    expect(await teacher.getByTestId(cell(out, 'q2')).getAttribute('contenteditable')).toBeNull();
    expect(await teacher.getByTestId(cell(out, 'q2')).getAttribute('title')).toMatch(/^Итоговая за «2 четверть» не ставится: ученик выбыл/);
    await teacher.getByTestId(cell(above, 'q2')).click();
    await teacher.keyboard.type('3');
    await expect.poll(() => focused(teacher)).toBe(cell(below, 'q2'));
    await teacher.keyboard.press('ArrowUp');
    await teacher.keyboard.press('ArrowUp');
    await teacher.keyboard.press('Backspace');
    await expect.poll(() => cellText(teacher, cell(above, 'q2'))).toBe('');
    await teacher.getByTestId(cell(s0, YEAR_FINAL)).click();
    await teacher.keyboard.type('5');
    await teacher.keyboard.press('Enter');
    await expect.poll(() => focused(teacher)).toBe(cell(s2, YEAR_FINAL));
    await teacher.keyboard.press('Shift+Enter');
    await teacher.keyboard.type('4');
    await expect.poll(() => cellText(teacher, cell(s1, YEAR_FINAL))).toBe('4');
    // «н» is attendance, never a final: said, and nothing written.
    await teacher.keyboard.type('н');
    await expect.poll(() => teacher.getByTestId('finals-hint').innerText()).toContain('не итоговая отметка');
    await expect.poll(() => status(teacher, 'data-pending'), { timeout: 30_000 }).toBe('0');
    await teacher.screenshot({ path: `${SHOTS}/e2e-finals-page.png` });

    // The server has them, attributed: Alt+H shows who set the year final.
    const saved = await loadStoredDoc(server.storage, JOURNAL);
    const final = (s: StudentId, p: PeriodId) => readFinal(saved, MATH, ALL, p, s);
    expect([final(s0, Q2), final(s1, Q2), final(s2, Q2), final(s3, Q2)]).toEqual([5, 4, 4, null]);
    expect([final(s0, YEAR_FINAL), final(s1, YEAR_FINAL), final(s2, YEAR_FINAL)]).toEqual([5, 4, null]);
    await teacher.getByTestId(cell(s1, YEAR_FINAL)).focus();
    await teacher.keyboard.press('Alt+KeyH');
    const popover = teacher.getByTestId('history-popover');
    await expect.poll(() => popover.innerText(), { timeout: 30_000 }).toContain('внесено «4»');
    expect(await popover.innerText()).toContain('Смирнова');
    await teacher.keyboard.press('Escape');

    // The summary sheet (REP-2) and the year's results (REP-17) read them.
    const deputy = await server.login('deputy');
    const report = async (path: string) =>
      ((await (await fetch(`${server.origin}${path}`, { headers: { cookie: deputy } })).json()) as { report: ReportTable }).report;
    const sheet = await report('/api/reports/finals-sheet?class=5b');
    const row = (name: string) => sheet.rows.find((r) => r.student === name)!;
    expect([row(students[0].name)['math:q2'], row(students[0].name)['math:year'], row(students[1].name)['math:year']]).toEqual([5, 5, 4]);
    await teacher.goto(`${server.origin}/#/reports`);
    await teacher.getByTestId('report-kind').selectOption('year-results');
    await teacher.getByTestId('report-class').selectOption('5b');
    await expect.poll(() => teacher.getByTestId('report-title').innerText(), { timeout: 30_000 }).toBe('Итоги успеваемости класса за год');
    const year = await report('/api/reports/year-results?class=5b');
    expect(year.notes?.join(' ')).toContain('Выставленные годовые отметки (2)');
    expect(await teacher.getByTestId('report').innerText()).toContain('Выставленные годовые отметки (2)');
    const maths = year.rows.find((r) => r.subject === 'Математика')!;
    expect(await teacher.getByTestId('report-table').innerText()).toMatch(
      new RegExp(`Математика\\s+${maths.students}\\s+${maths.n5}\\s+${maths.n4}`),
    );
    await teacher.screenshot({ path: `${SHOTS}/e2e-finals-year-report.png` });

    // Offline, a final for the 2nd quarter; meanwhile the deputy closes it for 5Б.
    await teacher.goto(`${server.origin}/#/finals/5b/math/all`);
    await teacher.getByTestId(cell(s3, 'q2')).waitFor();
    await context.setOffline(true);
    await expect.poll(() => status(teacher, 'data-online')).toBe('false');
    await teacher.getByTestId(cell(s3, 'q2')).click();
    await teacher.keyboard.type('5');
    await expect.poll(() => cellText(teacher, cell(s3, 'q2'))).toBe('5');
    await expect.poll(() => status(teacher, 'data-pending')).toBe('1');
    const closed = await fetch(`${server.origin}/api/periods/close`, {
      method: 'POST',
      headers: { cookie: deputy, 'content-type': 'application/json', origin: server.origin },
      body: JSON.stringify({ classId: '5b', periodId: 'q2' }),
    });
    expect(closed.status).toBe(200);

    // Back online: the server refuses it, the cell empties, the quarter is greyed out and says why.
    await context.setOffline(false);
    await expect.poll(() => teacher.getByTestId('rejected-badge').getAttribute('data-count'), { timeout: 60_000 }).toBe('1');
    await expect.poll(() => cellText(teacher, cell(s3, 'q2')), { timeout: 30_000 }).toBe('');
    await expect.poll(() => teacher.getByTestId('finals-column-q2').getAttribute('class')).toContain('closed');
    expect(await teacher.getByTestId(cell(s3, 'q2')).getAttribute('contenteditable')).toBeNull();
    expect(await teacher.getByTestId(cell(s3, 'q2')).getAttribute('title')).toMatch(/^Период «2 четверть» закрыт/);
    await teacher.getByTestId(cell(s3, 'q2')).click();
    await teacher.keyboard.type('4');
    await expect.poll(() => teacher.getByTestId('finals-hint').innerText()).toMatch(/^Период «2 четверть» закрыт/);
    expect(await cellText(teacher, cell(s3, 'q2'))).toBe('');
    // The year stays open; the quarter's finals typed before the closure stay.
    expect(await teacher.getByTestId(cell(s3, YEAR_FINAL)).getAttribute('contenteditable')).toBe('true');
    expect(await cellText(teacher, cell(s0, 'q2'))).toBe('5');
    await teacher.getByTestId('rejected-badge').click();
    const panel = teacher.getByTestId('rejected-panel');
    await expect.poll(() => panel.getByTestId('rejected-item').count()).toBe(1);
    expect(await panel.innerText()).toContain('итоговая отметка за 2 четверть');
    expect(await panel.getByTestId('rejected-reason').innerText()).toContain('закрыт');
    await teacher.screenshot({ path: `${SHOTS}/e2e-finals-closed-period.png` });
    const after = await loadStoredDoc(server.storage, JOURNAL);
    expect(readFinal(after, MATH, ALL, Q2, s3)).toBeNull();
    expect(readFinal(after, MATH, ALL, Q2, s0)).toBe(5);
    await context.close();
  });
});
