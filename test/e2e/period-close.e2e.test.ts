import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodsForGrade } from '../../model/index.ts';
import { loadStoredDoc } from '../helpers/demo-facts.ts';
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

  it('E2E-13: the deputy sees 5Б’s readiness for the running quarter (or the next, or the last), finals missing while it runs, then closes the 1st quarter for the whole school', async () => {
    // The quarter of today's date, else the next to begin (before the year, in a holiday), else the
    // last (the summer): the demo sets a quarter's finals once it has ended, never before.
    const quarters = periodsForGrade(await loadStoredDoc(server.storage, 'school/demo/2026'), 5);
    const today = server.today();
    const [periodId, period] =
      quarters.find(([, p]) => p.startsOn <= today && today <= p.endsOn) ??
      quarters.find(([, p]) => p.startsOn > today) ??
      quarters.at(-1)!;
    const finalsDue = period.endsOn >= today;
    const res = await fetch(`${server.origin}/api/periods/readiness?class=5b&period=${periodId}`, {
      headers: { cookie: await server.login('deputy') },
    });
    const readiness = (await res.json()) as { ready: boolean; pages: Array<{ subjectId: string; withoutFinal: unknown[] }> };
    const mathsWithoutFinal = readiness.pages.filter((p) => p.subjectId === 'math').reduce((n, p) => n + p.withoutFinal.length, 0);
    // While it runs (or before it), nobody has a final yet; once over, the demo set those it could.
    if (finalsDue) expect(mathsWithoutFinal, `finals of ${periodId} on ${today}`).toBeGreaterThan(0);

    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1100 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' });
    const deputy = await signIn(ctx, server.origin, 'deputy');
    await deputy.getByTestId('refused-link').click();
    const current = deputy.getByTestId(`closure-5b-${periodId}`);
    await expect.poll(() => current.getAttribute('data-state'), { timeout: 30_000 }).toBe('open');
    await current.getByTestId('closure-close').click();
    const summary = current.getByTestId('readiness-summary');
    await expect
      .poll(() => summary.innerText(), { timeout: 30_000 })
      .toBe(readiness.ready ? 'Журнал готов к закрытию периода.' : 'Перед закрытием проверьте:');
    const maths = current.getByTestId('readiness-page').filter({ hasText: 'Математика' });
    if (mathsWithoutFinal > 0)
      await expect.poll(() => maths.innerText()).toMatch(new RegExp(`без итоговой отметки ${mathsWithoutFinal} учени`));
    else expect((await maths.allInnerTexts()).join('\n')).not.toContain('без итоговой отметки');
    await deputy.screenshot({ path: `${SHOTS}/e2e-period-readiness.png` });
    await current.getByTestId('reason-cancel').click();

    const school = deputy.getByTestId('school-closure-q1');
    await expect.poll(() => school.innerText()).toContain('закрыт для 0 из 2 классов');
    await school.getByTestId('school-close').click();
    await expect.poll(() => school.getByTestId('readiness-summary').count(), { timeout: 30_000 }).toBe(2);
    await deputy.screenshot({ path: `${SHOTS}/e2e-period-school-close.png` });
    await school.getByTestId('reason-submit').click();
    await expect.poll(() => school.innerText(), { timeout: 30_000 }).toContain('закрыт для 2 из 2 классов');
    await expect.poll(() => deputy.getByTestId('closure-1a-q1').getAttribute('data-state')).toBe('closed');
    await expect.poll(() => deputy.getByTestId('closure-5b-q1').getAttribute('data-state')).toBe('closed');
    expect(await deputy.getByTestId('closure-10a-h1').getAttribute('data-state')).toBe('open');
    await ctx.close();
  });
});
