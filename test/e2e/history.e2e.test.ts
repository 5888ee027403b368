import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  marksOf,
  pageLessons,
  periodAt,
  periodsForGrade,
  readAbsence,
  staff,
  WHOLE_CLASS,
  type ClassId,
  type LessonId,
  type Student,
  type SubjectId,
} from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { chromiumAvailable, SHOTS, startScenario } from './browser.ts';
import { signIn } from './pages.ts';

const JOURNAL = 'journal/5b/2026';
const VIEWPORT = { width: 1400, height: 900 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pending = (page: Page) => page.getByTestId('sync-status').getAttribute('data-pending');

describe.runIf(chromiumAvailable())('attributed history (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let lesson: LessonId;
  let student: Student;
  let teacherName: string;

  beforeAll(async () => {
    ({ server, browser } = await startScenario({ at: DEMO_FIXTURE_DAY }));
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const journal = await loadStoredDoc(server.storage, JOURNAL);
    teacherName = staff.get(school, 'u-teacher')!.name;
    // A lesson of the teacher's own in the period the page opens on, and a student with an empty cell there.
    const today = server.today();
    const periods = periodsForGrade(school, 5);
    const current = periodAt(school, 5, today) ?? periods.filter(([, p]) => p.startsOn <= today).at(-1) ?? periods[0];
    const lessons = pageLessons(school, journal, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS).filter(
      (l) => l.substituteId === null && l.date >= current[1].startsOn && l.date <= current[1].endsOn,
    );
    lesson = (lessons.filter((l) => l.date <= today).at(-1) ?? lessons[0]).id;
    const empty = (s: Student) => marksOf(journal, lesson, s.id).length === 0 && readAbsence(journal, lesson, s.id) === null;
    student = (await mathPage(server.storage, server.today())).students.filter(empty)[0];
    expect(student).toBeDefined();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('E2E-7: the teacher enters a mark, changes it, and sees both in the cell’s history under her name; the journal «на дату» before the change shows the old mark read-only; the deputy finds the change in the corrections log', async () => {
    const teacherCtx = await browser.newContext({ viewport: VIEWPORT });
    const deputyCtx = await browser.newContext({ viewport: VIEWPORT, locale: 'ru-RU' });
    const teacher = await signIn(teacherCtx, server.origin, 'teacher');
    await teacher.goto(`${server.origin}/#/journal/5b/math/all/${lesson}`);
    const cell = teacher.getByTestId(`cell-${student.id}-${lesson}`);
    await cell.waitFor();

    // «4», saved; a moment later the teacher corrects it to «5» (Delete, then 5).
    await cell.scrollIntoViewIfNeeded();
    await cell.click();
    await teacher.keyboard.type('4');
    await teacher.keyboard.press('Enter');
    await expect.poll(() => cell.innerText()).toBe('4');
    await expect.poll(() => pending(teacher), { timeout: 30_000 }).toBe('0');
    await sleep(1500);
    const beforeChange = server.clock.now();
    await sleep(1500);
    await cell.click();
    await teacher.keyboard.press('Delete');
    await teacher.keyboard.type('5');
    await teacher.keyboard.press('Escape');
    await expect.poll(() => cell.innerText()).toBe('5');
    await expect.poll(() => pending(teacher), { timeout: 30_000 }).toBe('0');

    // Alt+H on the cell: the history, oldest first, every entry by her.
    await cell.click();
    await teacher.keyboard.press('Alt+KeyH');
    const popover = teacher.getByTestId('history-popover');
    await expect.poll(() => popover.getByTestId('history-entry').count(), { timeout: 30_000 }).toBe(3);
    const actions = await popover.getByTestId('history-action').allInnerTexts();
    expect(actions[0]).toContain('«4»');
    expect(actions[1]).toContain('удалено');
    expect(actions.at(-1)).toContain('«5»');
    for (const who of await popover.getByTestId('history-who').allInnerTexts()) expect(who).toBe(teacherName);
    expect(await popover.innerText()).toContain(student.name);
    await teacher.screenshot({ path: `${SHOTS}/e2e-history-cell-popover.png` });
    await teacher.keyboard.press('Escape');
    await expect.poll(() => popover.count()).toBe(0);
    // The same through the lesson panel's button.
    await teacher.getByTestId('cell-history-button').click();
    await expect.poll(() => popover.getByTestId('history-entry').count(), { timeout: 30_000 }).toBe(3);
    await popover.getByTestId('history-close').click();

    // «На дату» just before the change: the old mark, read-only, with the banner.
    await teacher.getByTestId('as-of-open').click();
    const at = await teacher.evaluate((ms) => {
      const d = new Date(ms);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    }, beforeChange);
    await teacher.getByTestId('as-of-input').fill(at);
    await teacher.getByTestId('as-of-show').click();
    await teacher.getByTestId('as-of-banner').waitFor();
    expect(await teacher.getByTestId('as-of-banner').innerText()).toMatch(/Журнал по состоянию на .* — только просмотр/);
    const pastCell = teacher.getByTestId(`cell-${student.id}-${lesson}`);
    await expect.poll(() => pastCell.innerText(), { timeout: 30_000 }).toBe('4');
    expect(await pastCell.getAttribute('contenteditable')).toBeNull();
    await pastCell.click();
    await teacher.keyboard.type('3');
    await expect.poll(() => pastCell.innerText()).toBe('4');
    expect(await teacher.getByTestId('lesson-topic').isDisabled()).toBe(true);
    await teacher.screenshot({ path: `${SHOTS}/e2e-history-as-of.png` });
    await teacher.getByTestId('as-of-back').click();
    await expect.poll(() => teacher.getByTestId('as-of-banner').count()).toBe(0);
    await expect.poll(() => teacher.getByTestId(`cell-${student.id}-${lesson}`).innerText(), { timeout: 30_000 }).toBe('5');
    expect(await teacher.getByTestId(`cell-${student.id}-${lesson}`).getAttribute('contenteditable')).toBe('true');

    // The deputy: home → «Журнал исправлений» → 5Б: the removed «4», by the teacher.
    const deputy = await signIn(deputyCtx, server.origin, 'deputy');
    await deputy.getByTestId('corrections-link').click();
    await deputy.getByTestId('corrections-page').waitFor();
    await deputy.getByTestId('corrections-class').selectOption(JOURNAL);
    const entries = deputy.getByTestId('history-entry');
    await expect.poll(() => entries.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const ours = entries.filter({ hasText: student.name }).filter({ hasText: 'было «4»' });
    await expect.poll(() => ours.count(), { timeout: 30_000 }).toBe(1);
    expect(await ours.getByTestId('history-who').innerText()).toBe(teacherName);
    expect(await ours.getByTestId('history-where').innerText()).toContain('Математика');
    // Filtered by that teacher and by mathematics it stays; by another subject it goes.
    await deputy.getByTestId('corrections-teacher').selectOption('u-teacher');
    await deputy.getByTestId('corrections-subject').selectOption('math');
    await expect.poll(() => ours.count()).toBe(1);
    await deputy.setViewportSize({ width: 1400, height: 1200 });
    await deputy.screenshot({ path: `${SHOTS}/e2e-history-corrections.png` });
    const otherSubject = await deputy
      .getByTestId('corrections-subject')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).find((v) => v !== '' && v !== 'math'));
    if (otherSubject) {
      await deputy.getByTestId('corrections-subject').selectOption(otherSubject);
      await expect.poll(() => ours.count()).toBe(0);
    }
    await teacherCtx.close();
    await deputyCtx.close();
  });

  it('E2E-8: the lesson’s topic history opens from the lesson panel; offline the history says plainly it needs the server', async () => {
    const ctx = await browser.newContext({ viewport: VIEWPORT });
    const teacher = await signIn(ctx, server.origin, 'teacher');
    await teacher.goto(`${server.origin}/#/journal/5b/math/all/${lesson}`);
    await teacher.getByTestId(`cell-${student.id}-${lesson}`).waitFor();
    const topic = teacher.getByTestId('lesson-topic');
    await topic.fill('Сложение дробей — повторение');
    await topic.press('Enter');
    await expect.poll(() => pending(teacher), { timeout: 30_000 }).toBe('0');

    await teacher.getByTestId('lesson-history-button').click();
    const popover = teacher.getByTestId('history-popover');
    const mine = popover.getByTestId('history-entry').filter({ hasText: 'Сложение дробей — повторение' });
    await expect.poll(() => mine.count(), { timeout: 30_000 }).toBe(1);
    expect(await mine.innerText()).toContain('тема урока');
    expect(await mine.getByTestId('history-who').innerText()).toBe(teacherName);
    await teacher.screenshot({ path: `${SHOTS}/e2e-history-lesson.png` });
    await popover.getByTestId('history-close').click();

    await ctx.setOffline(true);
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-online')).toBe('false');
    await teacher.getByTestId(`cell-${student.id}-${lesson}`).click();
    await teacher.keyboard.press('Alt+KeyH');
    await expect.poll(() => popover.getByTestId('history-error').count(), { timeout: 30_000 }).toBe(1);
    expect(await popover.getByTestId('history-error').innerText()).toContain('хранится на сервере');
    await teacher.screenshot({ path: `${SHOTS}/e2e-history-offline.png` });
    await ctx.close();
  });
});
