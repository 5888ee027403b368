import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marksOf, readAbsence, type LessonId, type Student } from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { chromiumAvailable, SHOTS, startScenario } from './browser.ts';
import { cellText, signIn, typeInCell } from './pages.ts';

const JOURNAL = 'journal/5b/2026';
const URL_5B_MATH = '/#/journal/5b/math/all';

/**
 * E2E-27 (MARK-8, SYNC-9): the main teacher and the substitute of a lesson type into one empty
 * cell at the same moment — once with both on a network that drops (each types without seeing
 * the other, the case that used to lose a mark), once both online at once. Both marks show on
 * both screens, and the server holds both.
 */
describe.runIf(chromiumAvailable())('two people typing into one cell (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let lesson: LessonId;
  let empty: Student[];

  beforeAll(async () => {
    ({ server, browser } = await startScenario({ at: DEMO_FIXTURE_DAY }));
    const page = await mathPage(server.storage, server.today());
    const journal = await loadStoredDoc(server.storage, JOURNAL);
    // The substitute's lesson that has taken place: both may write it (PERM-2).
    lesson = page.substituteLessons.find((l) => l.slice(0, 6) < DEMO_FIXTURE_DAY.replaceAll('-', '').slice(2))!;
    empty = page.students.filter((s) => marksOf(journal, lesson, s.id).length === 0 && readAbsence(journal, lesson, s.id) === null);
    if (!lesson || empty.length < 3) throw new Error('the demo has no substituted 5Б lesson with three empty cells before the fixture day');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  async function open(login: string): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await signIn(ctx, server.origin, login);
    await page.goto(server.origin + URL_5B_MATH);
    await page.getByTestId(`cell-${empty[0].id}-${lesson}`).waitFor();
    await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 30_000 }).toBe('0');
    return page;
  }

  const marksShown = async (page: Page, cell: string) => (await cellText(page, cell)).replace(/\s+/g, ' ').trim();
  const bothShow = async (pages: Page[], cell: string, marks: string[]) => {
    for (const p of pages) {
      await expect
        .poll(async () => [...(await marksShown(p, cell)).replace(/\D/g, '')].sort().join(''), { timeout: 45_000 })
        .toBe([...marks].sort().join(''));
    }
  };
  const serverHolds = async (student: Student) =>
    marksOf(await loadStoredDoc(server.storage, JOURNAL), lesson, student.id)
      .map((m) => String(m.value))
      .sort();

  it('E2E-27: the teacher and the substitute type into one cell at the same time and both marks show', async () => {
    const teacher = await open('teacher');
    const substitute = await open('substitute');
    await teacher.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
    await substitute.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });

    // Neither sees the other while typing: the network drops for both.
    const cell = `cell-${empty[0].id}-${lesson}`;
    await teacher.context().setOffline(true);
    await substitute.context().setOffline(true);
    await typeInCell(teacher, cell, '5');
    await typeInCell(substitute, cell, '3');
    expect(await marksShown(teacher, cell)).toContain('5');
    expect(await marksShown(substitute, cell)).toContain('3');
    await teacher.context().setOffline(false);
    await substitute.context().setOffline(false);
    await bothShow([teacher, substitute], cell, ['5', '3']);
    await expect.poll(() => serverHolds(empty[0]), { timeout: 30_000 }).toEqual(['3', '5']);
    // One order on both screens (MARK-8).
    expect(await marksShown(teacher, cell)).toBe(await marksShown(substitute, cell));

    // Both online, typing at the same moment. Each first puts the cursor in the empty cell: a
    // click on a mark that has just appeared there would choose that mark to correct (MARK-9).
    const other = `cell-${empty[1].id}-${lesson}`;
    // A click scrolls the cell into view and retries while the grid re-renders it (a peer's mark
    // arriving replaces the cell's element).
    const focus = (p: Page) => p.getByTestId(other).click();
    await Promise.all([focus(teacher), focus(substitute)]);
    const type = async (p: Page, text: string) => {
      await p.keyboard.type(text);
      await p.keyboard.press('Enter');
    };
    await Promise.all([type(teacher, '4'), type(substitute, '2')]);
    await bothShow([teacher, substitute], other, ['4', '2']);
    await expect.poll(() => serverHolds(empty[1]), { timeout: 30_000 }).toEqual(['2', '4']);
    // PROTO-3: a peer's mark is saved on the server, never «не сохранено» here, though only its
    // writer gets the ack.
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 30_000 }).toBe('0');
    const third = `cell-${empty[2].id}-${lesson}`;
    await typeInCell(substitute, third, '5');
    await expect.poll(() => marksShown(teacher, third), { timeout: 30_000 }).toContain('5');
    await expect.poll(() => substitute.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 30_000 }).toBe('0');
    expect(await teacher.getByTestId('sync-status').getAttribute('data-pending')).toBe('0');
    await teacher.screenshot({ path: `${SHOTS}/e2e-one-cell-teacher.png` });
    await teacher.context().close();
    await substitute.context().close();
  });
});
