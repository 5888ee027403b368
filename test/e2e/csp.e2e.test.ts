import type { BrowserContext, ConsoleMessage } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_FIXTURE_DAY, mathPage } from '../helpers/demo-facts.ts';
import { chromiumAvailable, useScenario } from './browser.ts';
import { signIn, typeInCell } from './pages.ts';

const CONTEXT = { viewport: { width: 1400, height: 900 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };

/** Records every CSP violation the pages of a context report, as events and as console messages. */
async function watchViolations(ctx: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await ctx.exposeBinding('__cspViolation', (_source, text: string) => void violations.push(text));
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(t: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  ctx.on('console', (m: ConsoleMessage) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|create|frame)/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

/**
 * The app under its Content-Security-Policy (AUTH-20) in Chromium: it loads, registers its
 * service worker, syncs over its socket and shows presence, draws the journal and the reports,
 * and no page reports a violation.
 */
describe.runIf(chromiumAvailable())('the app under its CSP (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('E2E-33: sign-in, home, the journal with a second teacher, a mark saved, the reports: no CSP violation', async () => {
    const { server, browser } = scene;
    const math = await mathPage(server.storage, server.today());
    const teacherCtx = await browser.newContext(CONTEXT);
    const substituteCtx = await browser.newContext(CONTEXT);
    const teacherSeen = await watchViolations(teacherCtx);
    const substituteSeen = await watchViolations(substituteCtx);

    // The app shell comes with the policy the browser then enforces.
    const probe = await teacherCtx.newPage();
    expect((await probe.goto(server.origin))?.headers()['content-security-policy']).toContain("script-src 'self'");
    await probe.close();
    const teacher = await signIn(teacherCtx, server.origin, 'teacher');
    await teacher.goto(`${server.origin}/#/journal/5b/math/all`);
    const substitute = await signIn(substituteCtx, server.origin, 'substitute');
    await substitute.goto(`${server.origin}/#/journal/5b/math/all`);
    const cell = `cell-${math.students[0].id}-${math.teacherLessons.at(-1)}`;
    await teacher.getByTestId(cell).waitFor();
    // The sync socket (connect-src) and presence work: each sees the other.
    await expect.poll(() => teacher.getByTestId('presence').getAttribute('data-count'), { timeout: 30_000 }).toBe('1');
    await typeInCell(teacher, cell, '5');
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 30_000 }).toBe('0');
    await expect.poll(() => substitute.getByTestId(cell).innerText(), { timeout: 30_000 }).toContain('5');
    // The service worker (worker-src) is installed and active.
    expect(await teacher.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active !== null))).toBe(true);
    await teacher.goto(`${server.origin}/#/reports`);
    await teacher.locator('select').first().waitFor();
    await teacher.goto(`${server.origin}/#/refused`);
    await teacher.getByTestId('refused-page').waitFor();

    expect([...teacherSeen, ...substituteSeen]).toEqual([]);
    await teacherCtx.close();
    await substituteCtx.close();
  });
});
