import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ABSENT_MARK_TEXT,
  ABSENT_MARKS_KEY,
  markFromTuple,
  marksOf,
  parseLessonId,
  readAbsence,
  readAbsentMarkPolicy,
  type LessonId,
  type StudentId,
} from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { cellText, signIn, typeInCell } from './pages.ts';

const JOURNAL = 'journal/5b/2026';
const SCHOOL = 'school/demo/2026';

/** One cell of the lesson's column as the page shows it, top to bottom. */
interface ColumnCell {
  student: StudentId;
  testId: string;
  editable: boolean;
  text: string;
}

/**
 * E2E-28 (MARK-9, MARK-10): one of three marks in a cell corrected alone and another deleted
 * alone, with the history recording one change of each; a paste of names refused whole, naming
 * the line; a pasted column of marks filling down. E2E-29 (MARK-11, PERM-14): a mark typed on a
 * student marked «н» shows the warning; once the deputy sets «не ставится» on «Учебный год», the
 * page refuses it.
 */
describe.runIf(chromiumAvailable())('one mark of a cell, a pasted column, a mark on an absent student (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });
  let lesson: LessonId;
  /** Cells of the column already used by a test: each test takes fresh empty ones. */
  const used = new Set<string>();

  beforeAll(async () => {
    const page = await mathPage(scene.server.storage, scene.server.today());
    // The teacher's last lesson before the fixture day: begun, hers, with few marks.
    lesson = page.teacherLessons.filter((l) => parseLessonId(l)!.date < scene.server.today()).at(-1)!;
  });

  async function open(login: string, hash = `#/journal/5b/math/all/${lesson}`): Promise<Page> {
    const ctx = await scene.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: scene.server.origin });
    const page = await signIn(ctx, scene.server.origin, login);
    await page.goto(`${scene.server.origin}/${hash}`);
    return page;
  }

  async function openJournal(): Promise<Page> {
    const page = await open('teacher');
    await page.locator(`td[data-testid$="-${lesson}"]`).first().waitFor();
    await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 30_000 }).toBe('0');
    return page;
  }

  const column = (page: Page): Promise<ColumnCell[]> =>
    page.$$eval(`td[data-testid$="-${lesson}"]`, (tds) =>
      tds.map((td) => ({
        testId: td.getAttribute('data-testid')!,
        student: td.getAttribute('data-testid')!.split('-')[1] as StudentId,
        editable: td.getAttribute('aria-readonly') === 'false',
        text: (td as HTMLElement).innerText.trim(),
      })),
    );

  /** The first `n` consecutive empty, writable cells not used yet, as rows of the column. */
  async function emptyRun(page: Page, n: number): Promise<{ rows: ColumnCell[]; start: number }> {
    const col = await column(page);
    for (let i = 0; i + n <= col.length; i++) {
      const rows = col.slice(i, i + n);
      if (rows.every((c) => c.editable && c.text === '' && !used.has(c.testId))) {
        for (const c of rows) used.add(c.testId);
        return { rows, start: i };
      }
    }
    throw new Error(`no ${n} empty writable cells in a row in ${lesson}`);
  }

  /** Pastes `text` into a cell as a person does: the text on the clipboard, a click, Ctrl+V. */
  async function paste(page: Page, testId: string, text: string) {
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.getByTestId(testId).click();
    await page.keyboard.press('Control+V');
  }

  const hint = (page: Page) => page.getByTestId('grid-hint').innerText();
  const pending = (page: Page) => page.getByTestId('sync-status').getAttribute('data-pending');

  it('E2E-28: one of three marks is changed alone and another deleted alone; the history has one change of each', async () => {
    const page = await openJournal();
    const {
      rows: [cell],
    } = await emptyRun(page, 1);
    await typeInCell(page, cell.testId, '543');
    await expect.poll(() => cellText(page, cell.testId)).toBe('5 4 3');
    // Back to the cell (Enter went down), then Shift+→ twice: the second mark is chosen.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    const picked = page.getByTestId(cell.testId).locator('[data-picked]');
    await expect.poll(() => picked.innerText()).toBe('4');
    await expect.poll(() => hint(page)).toMatch(/^Выбрана отметка «4» \(2-я из 3\)/);
    await page.screenshot({ path: `${SHOTS}/e2e-mark-chosen.png` });
    await page.keyboard.type('2');
    await expect.poll(() => cellText(page, cell.testId)).toBe('5 2 3');
    // A click on the third mark chooses it; Delete removes it alone.
    await page.getByTestId(cell.testId).locator('.cell-mark', { hasText: '3' }).click();
    await expect.poll(() => picked.innerText()).toBe('3');
    await page.keyboard.press('Delete');
    await expect.poll(() => cellText(page, cell.testId)).toBe('5 2');
    await expect.poll(() => pending(page), { timeout: 30_000 }).toBe('0');

    const journal = await loadStoredDoc(scene.server.storage, JOURNAL);
    expect(marksOf(journal, lesson, cell.student).map((m) => m.value)).toEqual([5, 2]);
    const rows = await scene.server.storage.readChanges({ docName: JOURNAL, pathPrefix: `marks/${lesson}:${cell.student}:` });
    const byPath = new Map<string, Array<[unknown, unknown]>>();
    const value = (v: unknown) => markFromTuple(v)?.v ?? null;
    for (const r of rows) byPath.set(r.path, [...(byPath.get(r.path) ?? []), [value(r.oldValue), value(r.newValue)]]);
    // Each mark in its own place: the 5 entered once, the 4 entered and corrected to 2, the 3 entered and removed.
    expect([...byPath.values()].sort((a, b) => a.length - b.length || String(a[0][1]).localeCompare(String(b[0][1])))).toEqual([
      [[null, 5]],
      [
        [null, 3],
        [3, null],
      ],
      [
        [null, 4],
        [4, 2],
      ],
    ]);
    const corrections = await scene.server.storage.readChanges({
      docName: JOURNAL,
      pathPrefix: `marks/${lesson}:${cell.student}:`,
      correctionsOnly: true,
    });
    expect(corrections.map((r) => r.userId)).toEqual(['u-teacher', 'u-teacher']);
    await page.context().close();
  });

  it('E2E-28: a paste of names is refused whole with the line named and nothing written; a column of marks fills down', async () => {
    const page = await openJournal();
    const names = await emptyRun(page, 2);
    await paste(page, names.rows[0].testId, 'Иванов 5\nПетров 4\n');
    await expect.poll(() => hint(page)).toBe('Строка 1: «Иванов 5» — не отметка; ничего не вставлено.');
    for (const c of names.rows) expect(await cellText(page, c.testId)).toBe('');
    expect(await pending(page)).toBe('0');

    const run = await emptyRun(page, 4);
    await paste(page, run.rows[0].testId, '5\n4\n\nн\n');
    await expect.poll(() => hint(page)).toBe('Вставлено значений: 3.');
    await expect.poll(() => Promise.all(run.rows.map((c) => cellText(page, c.testId)))).toEqual(['5', '4', '', 'н']);
    await page.screenshot({ path: `${SHOTS}/e2e-paste-column.png` });
    await expect.poll(() => pending(page), { timeout: 30_000 }).toBe('0');

    const journal = await loadStoredDoc(scene.server.storage, JOURNAL);
    expect(run.rows.map((c) => marksOf(journal, lesson, c.student).map((m) => m.value))).toEqual([[5], [4], [], []]);
    expect(readAbsence(journal, lesson, run.rows[3].student)).toBe('absent');
    // One transaction: every change row of the paste belongs to one update.
    const seqs = new Set<number>();
    for (const c of [run.rows[0], run.rows[1]])
      for (const r of await scene.server.storage.readChanges({ docName: JOURNAL, pathPrefix: `marks/${lesson}:${c.student}:` }))
        seqs.add(r.seq);
    for (const r of await scene.server.storage.readChanges({ docName: JOURNAL, path: `attendance/${lesson}:${run.rows[3].student}` }))
      seqs.add(r.seq);
    expect(seqs.size).toBe(1);
    // The refused names wrote nothing on the server either.
    for (const c of names.rows)
      expect(await scene.server.storage.readChanges({ docName: JOURNAL, pathPrefix: `marks/${lesson}:${c.student}:` })).toEqual([]);
    await page.context().close();
  });

  it('E2E-29: a mark typed on a student marked «н» shows the warning; after the deputy sets «не ставится», the page refuses it', async () => {
    const page = await openJournal();
    const {
      rows: [cell],
    } = await emptyRun(page, 1);
    await typeInCell(page, cell.testId, 'н');
    await expect.poll(() => cellText(page, cell.testId)).toBe('н');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type('5');
    await expect.poll(() => hint(page)).toBe(ABSENT_MARK_TEXT.warnMark);
    await expect.poll(() => cellText(page, cell.testId)).toBe('н 5');
    expect(await page.getByTestId(cell.testId).getAttribute('class')).toContain('absent-marked');
    await page.screenshot({ path: `${SHOTS}/e2e-absent-mark-warning.png` });
    await expect.poll(() => pending(page), { timeout: 30_000 }).toBe('0');
    await page.context().close();

    const deputy = await open('deputy', '#/year');
    const select = deputy.getByTestId('absent-marks-policy');
    await select.selectOption('refuse');
    await expect
      .poll(async () => readAbsentMarkPolicy(await loadStoredDoc(scene.server.storage, SCHOOL)), { timeout: 30_000 })
      .toBe('refuse');
    expect(
      (await scene.server.storage.readChanges({ docName: SCHOOL, path: `settings/${ABSENT_MARKS_KEY}` })).map((r) => r.userId),
    ).toEqual(['u-deputy']);
    await deputy.context().close();

    const again = await openJournal();
    const {
      rows: [next],
    } = await emptyRun(again, 1);
    await typeInCell(again, next.testId, 'н');
    await again.keyboard.press('ArrowUp');
    await again.keyboard.type('5');
    await expect.poll(() => hint(again)).toBe(ABSENT_MARK_TEXT.refuseMark);
    expect(await cellText(again, next.testId)).toBe('н');
    await expect.poll(() => pending(again), { timeout: 30_000 }).toBe('0');
    const journal = await loadStoredDoc(scene.server.storage, JOURNAL);
    expect(marksOf(journal, lesson, next.student)).toEqual([]);
    expect(readAbsence(journal, lesson, next.student)).toBe('absent');
    await again.context().close();
  });
});
