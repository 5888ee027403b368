import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { readSchoolMeta } from '../../model/index.ts';
import { parseClockStart } from '../../sync-server/clock.ts';
import { readStoredDoc } from '../../sync-server/school-years.ts';
import { archiveYear } from '../../sync-server/year-switch.ts';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { weekTitle } from '../../client/features/diary/diary-text.ts';
import { mondayOf } from '../../client/features/diary/diary-week.ts';
import { chromiumAvailable, SHOTS, startScenario } from './browser.ts';
import { signIn } from './pages.ts';

/**
 * E2E-40 (YEAR-24, YEAR-25): on 1 September the demo parent's child is in 6Б: the diary opens on
 * the new year, and the top bar's switcher offers last year's diary, read-only, on its last week,
 * with its finals and nothing to confirm; «К текущему году» brings the new year back.
 */
describe.runIf(chromiumAvailable())("a family's past year (Chromium)", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    const scene = await startScenario({ at: DEMO_FIXTURE_DAY });
    browser = scene.browser;
    const prepared = await fetch(`${scene.server.origin}/api/year/next`, {
      method: 'POST',
      headers: { cookie: await scene.server.login('deputy'), origin: scene.server.origin },
    });
    expect(prepared.status).toBe(200);
    // The year's end passes as on the server (YEAR-21): archived, then served again on the new year.
    scene.server.clock.moveTo(parseClockStart('2027-09-01'));
    await archiveYear(scene.server, 'school/demo/2027', scene.server.clock.now);
    const { dataDir, clock } = scene.server;
    await scene.server.close();
    server = await startTestServer({ dataDir, now: clock.now, staticDir: 'dist/client' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('E2E-40: the parent reads last year’s diary of 5Б from the year switcher, read-only, and comes back to 6Б', async () => {
    const ctx = await browser.newContext({ viewport: { width: 414, height: 896 }, isMobile: true, hasTouch: true, locale: 'ru-RU' });
    const page = await signIn(ctx, server.origin, 'parent');
    await expect.poll(() => page.getByTestId('diary-student').innerText(), { timeout: 45_000 }).toMatch(/, 6Б$/);
    const switcher = page.getByTestId('year-switcher');
    await switcher.waitFor({ timeout: 45_000 });
    expect(await switcher.locator('option').allInnerTexts()).toEqual(['2026/2027 учебный год (архив)', '2027/2028 учебный год']);

    await switcher.selectOption('2026');
    await expect.poll(() => page.getByTestId('year-banner').innerText(), { timeout: 45_000 }).toContain('Архив: 2026/2027 учебный год');
    await expect.poll(() => page.getByTestId('diary-student').innerText(), { timeout: 45_000 }).toMatch(/, 5Б$/);
    // It opens on the year's last week, not on a September of another year.
    const endsOn = readSchoolMeta(await readStoredDoc(server.storage, 'school/demo/2026'))!.endsOn;
    expect(await page.getByTestId('diary-week-title').innerText()).toBe(weekTitle(mondayOf(endsOn)));
    expect(await page.getByTestId('diary-homework-mode').isVisible()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/e2e-family-past-year.png`, fullPage: true });

    // The finals of every period and the year, with nothing to confirm: that was last year's business.
    await page.getByTestId('diary-tab-finals').tap();
    await page.getByTestId('diary-finals-table').waitFor();
    expect(await page.getByTestId('diary-finals-table').locator('tbody tr').count()).toBeGreaterThan(5);
    expect(await page.locator('[data-testid^="diary-confirm-"]').count()).toBe(0);

    await page.getByRole('button', { name: 'К текущему году' }).click();
    await expect.poll(() => page.getByTestId('year-banner').count()).toBe(0);
    await expect.poll(() => page.getByTestId('diary-student').innerText(), { timeout: 45_000 }).toMatch(/, 6Б$/);
    await ctx.close();
  });
});
