import { describe, expect, it } from 'vitest';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

/**
 * E2E-38 (YEAR-22): with the next year prepared, the deputy switches the pages to it from the top
 * bar: the banner says which year and that its journals are read-only until it begins, the home
 * page lists its journals read-only, and «К текущему году» brings the running year back.
 */
describe.runIf(chromiumAvailable())('the school-year switcher (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('E2E-38: the deputy views the prepared next year and comes back to the current one', async () => {
    const { server, browser } = scene;
    const prepared = await fetch(`${server.origin}/api/year/next`, {
      method: 'POST',
      headers: { cookie: await server.login('deputy'), origin: server.origin },
    });
    expect(prepared.status).toBe(200);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(ctx, server.origin, 'deputy');
    const switcher = page.getByTestId('year-switcher');
    await switcher.waitFor({ timeout: 45_000 });
    expect(await switcher.locator('option').allInnerTexts()).toEqual(['2026/2027 учебный год', '2027/2028 учебный год (следующий)']);
    await switcher.selectOption('2027');
    await expect
      .poll(() => page.getByTestId('year-banner').innerText(), { timeout: 45_000 })
      .toContain('2027/2028 учебный год: подготовка следующего года');
    // The next year's journals are listed read-only: nothing is entered before the year begins.
    await expect.poll(() => page.locator('main').innerText(), { timeout: 45_000 }).toMatch(/Журнал 1А\s*только просмотр/);
    await page.screenshot({ path: `${SHOTS}/e2e-year-next.png` });
    await page.getByRole('button', { name: 'К текущему году' }).click();
    await expect.poll(() => page.getByTestId('year-banner').count()).toBe(0);
    await expect.poll(() => page.locator('main').innerText(), { timeout: 45_000 }).toContain('Журнал 5Б');
    expect(await page.locator('main').innerText()).not.toContain('только просмотр');
    await ctx.close();
  });
});
