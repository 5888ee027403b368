import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/test-server.ts';
import { chromiumAvailable, SHOTS, startScenario } from './browser.ts';
import { signIn } from './pages.ts';

describe.runIf(chromiumAvailable())('closing a period (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ({ server, browser } = await startScenario());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('E2E-13: the deputy sees 5Б’s readiness for the running quarter (finals still missing), then closes the 1st quarter for the whole school', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1100 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' });
    const deputy = await signIn(ctx, server.origin, 'deputy');
    await deputy.getByTestId('refused-link').click();
    const q2 = deputy.getByTestId('closure-5b-q2');
    await expect.poll(() => q2.getAttribute('data-state'), { timeout: 10_000 }).toBe('open');
    await q2.getByTestId('closure-close').click();
    const summary = q2.getByTestId('readiness-summary');
    await expect.poll(() => summary.innerText(), { timeout: 10_000 }).toBe('Перед закрытием проверьте:');
    const maths = q2.getByTestId('readiness-page').filter({ hasText: 'Математика' });
    await expect.poll(() => maths.innerText()).toMatch(/без итоговой отметки \d+ учени/);
    await deputy.screenshot({ path: `${SHOTS}/e2e-period-readiness.png` });
    await q2.getByTestId('reason-cancel').click();

    const school = deputy.getByTestId('school-closure-q1');
    await expect.poll(() => school.innerText()).toContain('закрыт для 0 из 2 классов');
    await school.getByTestId('school-close').click();
    await expect.poll(() => school.getByTestId('readiness-summary').count(), { timeout: 10_000 }).toBe(2);
    await deputy.screenshot({ path: `${SHOTS}/e2e-period-school-close.png` });
    await school.getByTestId('reason-submit').click();
    await expect.poll(() => school.innerText(), { timeout: 10_000 }).toContain('закрыт для 2 из 2 классов');
    await expect.poll(() => deputy.getByTestId('closure-1a-q1').getAttribute('data-state')).toBe('closed');
    await expect.poll(() => deputy.getByTestId('closure-5b-q1').getAttribute('data-state')).toBe('closed');
    expect(await deputy.getByTestId('closure-10a-h1').getAttribute('data-state')).toBe('open');
    await ctx.close();
  });
});
