import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marksOf, type LessonId, type Student } from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { chromiumAvailable, SHOTS, startScenario } from './browser.ts';
import { cellText, signIn, typeInCell } from './pages.ts';

const JOURNAL = 'journal/5b/2026';

describe.runIf(chromiumAvailable())('journal in two browsers (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let students: Student[];
  let substituted: string;
  let regular: string;

  beforeAll(async () => {
    ({ server, browser } = await startScenario({ at: DEMO_FIXTURE_DAY }));
    const page = await mathPage(server.storage, server.today());
    students = page.students;
    // The substitute's lesson that is already in the past (registered by the demo school), and a
    // regular math lesson of the main teacher before it.
    substituted = page.substituteLessons[0];
    regular = page.teacherLessons.at(-1)!;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('E2E-1: two teachers edit one journal and see each other’s marks live', async () => {
    const teacherCtx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const substituteCtx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const teacher = await signIn(teacherCtx, server.origin, 'teacher');
    const substitute = await signIn(substituteCtx, server.origin, 'substitute');
    await teacher.goto(`${server.origin}/#/journal/5b/math/all`);
    await substitute.goto(`${server.origin}/#/journal/5b/math/all`);
    const a = `cell-${students[0].id}-${regular}`;
    const b = `cell-${students[1].id}-${substituted}`;
    await teacher.getByTestId(a).waitFor();
    await substitute.getByTestId(b).waitFor();
    // Both are in the journal: each sees the other in the presence list.
    await expect.poll(() => teacher.getByTestId('presence').getAttribute('data-count'), { timeout: 30_000 }).toBe('1');
    await typeInCell(teacher, a, '5');
    await typeInCell(substitute, b, '4');
    await expect.poll(() => cellText(substitute, a), { timeout: 30_000 }).toContain('5');
    await expect.poll(() => cellText(teacher, b), { timeout: 30_000 }).toContain('4');
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 30_000 }).toBe('0');
    await teacher.screenshot({ path: `${SHOTS}/e2e-two-teachers-teacher.png` });
    await substitute.screenshot({ path: `${SHOTS}/e2e-two-teachers-substitute.png` });
    await teacherCtx.close();
    await substituteCtx.close();
  });

  it('E2E-2: a teacher offline enters marks, reloads offline, sees them, and both converge online', async () => {
    const teacherCtx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const otherCtx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const teacher = await signIn(teacherCtx, server.origin, 'teacher');
    const other = await signIn(otherCtx, server.origin, 'substitute');
    const url = `${server.origin}/#/journal/5b/math/all`;
    await teacher.goto(url);
    await other.goto(url);
    const cells = students.slice(2, 5).map((s) => `cell-${s.id}-${regular}`);
    await teacher.getByTestId(cells[0]).waitFor();
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 30_000 }).toBe('0');
    // The service worker must control the page before the network goes away.
    await teacher.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });

    await teacherCtx.setOffline(true);
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-online')).toBe('false');
    await typeInCell(teacher, cells[0], '3');
    await typeInCell(teacher, cells[1], 'н');
    await typeInCell(teacher, cells[2], '54');
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-pending')).not.toBe('0');
    const pendingBefore = Number(await teacher.getByTestId('sync-status').getAttribute('data-pending'));
    expect(pendingBefore).toBeGreaterThanOrEqual(4);

    await teacher.reload();
    await teacher.getByTestId(cells[0]).waitFor({ timeout: 45_000 });
    await expect.poll(() => cellText(teacher, cells[0])).toContain('3');
    await expect.poll(() => cellText(teacher, cells[1])).toContain('н');
    await expect.poll(() => cellText(teacher, cells[2])).toMatch(/5\s+4/);
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-pending')).toBe(String(pendingBefore));
    await teacher.screenshot({ path: `${SHOTS}/e2e-offline-after-reload.png` });
    // Still offline: the other teacher has not seen any of it.
    expect(await cellText(other, cells[0])).not.toContain('3');

    await teacherCtx.setOffline(false);
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 60_000 }).toBe('0');
    await expect.poll(() => cellText(other, cells[0]), { timeout: 30_000 }).toContain('3');
    await expect.poll(() => cellText(other, cells[1])).toContain('н');
    await expect.poll(() => cellText(other, cells[2])).toMatch(/5\s+4/);
    // And the server has them durably: a fresh read of the store shows the marks.
    const journal = await loadStoredDoc(server.storage, JOURNAL);
    expect(marksOf(journal, regular as LessonId, students[2].id).map((m) => m.value)).toContain(3);
    expect(marksOf(journal, regular as LessonId, students[4].id).map((m) => m.value)).toEqual(expect.arrayContaining([5, 4]));
    expect(journal.getMap('attendance').get(`${regular}:${students[3].id}`)).toBe('absent');
    await other.screenshot({ path: `${SHOTS}/e2e-converged-other.png` });
    await teacherCtx.close();
    await otherCtx.close();
  });
});
