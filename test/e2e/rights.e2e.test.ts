import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  marksOf,
  pageLessons,
  periodAt,
  periodsForGrade,
  readAbsence,
  WHOLE_CLASS,
  type ClassId,
  type LessonId,
  type Student,
  type SubjectId,
} from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { chromiumAvailable, SHOTS, startScenario } from './browser.ts';
import { cellText, signIn, typeInCell } from './pages.ts';

const JOURNAL = 'journal/5b/2026';
const VIEWPORT = { width: 1400, height: 900 };

const status = (page: Page, attr: string) => page.getByTestId('sync-status').getAttribute(attr);

describe.runIf(chromiumAvailable())('rights on every change (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let periodId: string;
  let lesson: LessonId;
  let students: Student[];

  beforeAll(async () => {
    ({ server, browser } = await startScenario({ at: DEMO_FIXTURE_DAY }));
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const journal = await loadStoredDoc(server.storage, JOURNAL);
    // The current period of 5Б (grade 5), or the latest started one between periods.
    const today = server.today();
    const periods = periodsForGrade(school, 5);
    const current = periodAt(school, 5, today) ?? periods.filter(([, p]) => p.startsOn <= today).at(-1) ?? periods[0];
    periodId = current[0];
    const lessons = pageLessons(school, journal, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS).filter(
      (l) => l.substituteId === null && l.date >= current[1].startsOn && l.date <= current[1].endsOn,
    );
    lesson = (lessons.filter((l) => l.date <= today).at(-1) ?? lessons[0]).id;
    // Students on the page all year whose cells in that lesson are still empty.
    const empty = (s: Student) => marksOf(journal, lesson, s.id).length === 0 && readAbsence(journal, lesson, s.id) === null;
    students = (await mathPage(server.storage, server.today())).students.filter(empty).slice(0, 3);
    expect(students).toHaveLength(3);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('E2E-3: marks entered offline in a period the deputy closes meanwhile are refused, kept in «Не принято», and applied by the deputy with a reason', async () => {
    const teacherCtx = await browser.newContext({ viewport: VIEWPORT });
    const deputyCtx = await browser.newContext({ viewport: VIEWPORT });
    const journalUrl = `${server.origin}/#/journal/5b/math/all/${lesson}`;
    const cells = students.map((s) => `cell-${s.id}-${lesson}`);

    // The teacher opens 5Б · Математика and waits until everything is saved and cached.
    const teacher = await signIn(teacherCtx, server.origin, 'teacher');
    await teacher.goto(journalUrl);
    await teacher.getByTestId(cells[0]).waitFor();
    await expect.poll(() => status(teacher, 'data-pending'), { timeout: 30_000 }).toBe('0');
    await teacher.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
    expect(await teacher.getByTestId(cells[0]).getAttribute('contenteditable')).toBe('true');

    // The deputy watches the same page: the refused marks must never show there.
    const deputy = await signIn(deputyCtx, server.origin, 'deputy');
    const deputyJournal = await deputyCtx.newPage();
    await deputyJournal.goto(journalUrl);
    await deputyJournal.getByTestId(cells[0]).waitFor();
    await deputyJournal.evaluate((ids) => {
      const seen: Array<{ id: string; text: string; at: number }> = [];
      (window as unknown as { seen: typeof seen }).seen = seen;
      const look = () => {
        for (const id of ids) {
          const text = document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim();
          if (text) seen.push({ id, text, at: Date.now() });
        }
      };
      new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
    }, cells);

    // Offline, the teacher enters two marks and an absence in a lesson of the current period.
    await teacherCtx.setOffline(true);
    await expect.poll(() => status(teacher, 'data-online')).toBe('false');
    await typeInCell(teacher, cells[0], '5');
    await typeInCell(teacher, cells[1], '4');
    await typeInCell(teacher, cells[2], 'н');
    await expect.poll(() => cellText(teacher, cells[0])).toBe('5');
    // Four changes: the absence also records that the lesson's attendance was taken (ATT-4).
    await expect.poll(() => status(teacher, 'data-pending')).toBe('4');

    // Meanwhile the deputy closes that period for 5Б on the deputy's page.
    await deputy.getByTestId('refused-link').click();
    await deputy.getByTestId('refused-page').waitFor();
    const closure = deputy.getByTestId(`closure-5b-${periodId}`);
    await expect.poll(() => closure.getAttribute('data-state'), { timeout: 30_000 }).toBe('open');
    await closure.getByTestId('closure-close').click();
    await closure.getByTestId('reason-submit').click();
    await expect.poll(() => closure.getAttribute('data-state'), { timeout: 30_000 }).toBe('closed');
    // The deputy's view of the journal shows the period closed, live.
    await expect.poll(() => deputyJournal.getByTestId('period-closed').count(), { timeout: 30_000 }).toBe(1);

    // Back online: every refused path is compensated; the marks go from the teacher's grid.
    await teacherCtx.setOffline(false);
    await expect.poll(() => teacher.getByTestId('rejected-badge').getAttribute('data-count'), { timeout: 60_000 }).toBe('4');
    for (const c of cells) await expect.poll(() => cellText(teacher, c), { timeout: 30_000 }).toBe('');
    await expect.poll(() => status(teacher, 'data-pending'), { timeout: 30_000 }).toBe('0');
    // The grid now says why: read-only cells, a lock on the period.
    await expect.poll(() => teacher.getByTestId('period-closed').count()).toBe(1);
    expect(await teacher.getByTestId(cells[0]).getAttribute('contenteditable')).toBeNull();
    expect(await teacher.getByTestId(cells[0]).getAttribute('title')).toMatch(/^Период закрыт/);
    expect(await teacher.getByTestId(`lesson-${lesson}`).getAttribute('class')).toContain('closed');
    await teacher.screenshot({ path: `${SHOTS}/e2e-rights-grid-closed-period.png` });

    // «Не принято»: each change with its value, the student and the reason.
    await teacher.getByTestId('rejected-badge').click();
    const panel = teacher.getByTestId('rejected-panel');
    await expect.poll(() => panel.getByTestId('rejected-item').count()).toBe(4);
    const values = await panel.getByTestId('rejected-value').allInnerTexts();
    expect(values.sort()).toEqual(['4', '5', 'да', 'н']);
    for (const r of await panel.getByTestId('rejected-reason').allInnerTexts()) expect(r).toContain('период закрыт');
    expect(await panel.innerText()).toContain(students[0].name);
    await teacher.screenshot({ path: `${SHOTS}/e2e-rights-not-accepted-panel.png` });

    // The list survives a reload, and an offline start.
    await teacher.reload();
    await teacher.getByTestId(cells[0]).waitFor({ timeout: 45_000 });
    await expect.poll(() => teacher.getByTestId('rejected-badge').getAttribute('data-count')).toBe('4');
    await teacherCtx.setOffline(true);
    await teacher.reload();
    await teacher.getByTestId(cells[0]).waitFor({ timeout: 45_000 });
    await expect.poll(() => teacher.getByTestId('rejected-badge').getAttribute('data-count')).toBe('4');
    await teacherCtx.setOffline(false);

    // The deputy sees the four refused changes and applies the mark «5» with a reason.
    await deputy.getByTestId('refused-reload').click();
    const rows = deputy.getByTestId('refused-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(4);
    expect(await deputy.getByTestId('refused-list').innerText()).toContain('Смирнова');
    // The page scrolls inside the app, not the window: a tall window shows all of it.
    await deputy.setViewportSize({ width: 1400, height: 1500 });
    await deputy.screenshot({ path: `${SHOTS}/e2e-rights-deputy-page.png` });
    await deputy.setViewportSize(VIEWPORT);
    const five = deputy.locator(`[data-testid="refused-row"][data-path^="marks/${lesson}:${students[0].id}:"]`);
    await five.getByTestId('refused-apply').click();
    await five.getByTestId('reason-input').fill('отметка за ответ у доски, подтверждена учителем');
    const appliedAt = server.clock.now();
    await five.getByTestId('reason-submit').click();
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(3);

    // It appears in both browsers; the other marks never appear anywhere.
    await expect.poll(() => cellText(deputyJournal, cells[0]), { timeout: 30_000 }).toBe('5');
    await expect.poll(() => cellText(teacher, cells[0]), { timeout: 30_000 }).toBe('5');
    const seen = await deputyJournal.evaluate(() => (window as unknown as { seen: Array<{ id: string; text: string; at: number }> }).seen);
    expect(seen.filter((s) => s.id !== cells[0])).toEqual([]);
    expect(seen.every((s) => s.at >= appliedAt)).toBe(true);
    expect(await cellText(deputyJournal, cells[1])).toBe('');
    expect(await cellText(deputyJournal, cells[2])).toBe('');
    const journal = await loadStoredDoc(server.storage, JOURNAL);
    expect(marksOf(journal, lesson, students[0].id).map((m) => m.value)).toEqual([5]);
    expect(marksOf(journal, lesson, students[1].id)).toEqual([]);
    expect(readAbsence(journal, lesson, students[2].id)).toBeNull();
    await deputyJournal.screenshot({ path: `${SHOTS}/e2e-rights-deputy-applied.png` });
    await teacherCtx.close();
    await deputyCtx.close();
  });
});
