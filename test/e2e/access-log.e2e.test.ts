import { describe, expect, it } from 'vitest';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

const CONTEXT = { viewport: { width: 1400, height: 1000 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };

describe.runIf(chromiumAvailable())('the access log (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('E2E-35: the administrator sees the teacher’s sign-in, a failed one and the journal opened, and filters by event', async () => {
    const { server, browser } = scene;
    // A failed sign-in, then the teacher's own, who opens 5Б's journal.
    const failed = await fetch(`${server.origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.origin },
      body: JSON.stringify({ login: 'teacher', password: 'not-the-password' }),
    });
    expect(failed.status).toBe(401);
    const teacher = await signIn(await browser.newContext(CONTEXT), server.origin, 'teacher');
    await teacher.goto(`${server.origin}/#/journal/5b/math/all`);
    await teacher.getByTestId('presence').waitFor();

    const admin = await signIn(await browser.newContext(CONTEXT), server.origin, 'admin');
    await admin.goto(`${server.origin}/#/admin`);
    const log = admin.getByTestId('access-log');
    const table = log.getByTestId('access-log-table');
    await expect.poll(() => table.innerText()).toContain('Открыт журнал');
    const text = await table.innerText();
    expect(text).toContain('Неудачный вход');
    expect(text).toContain('journal/5b/2026');
    expect(text).not.toContain('not-the-password');
    await log.screenshot({ path: `${SHOTS}/e2e-access-log.png` });

    await log.getByTestId('access-log-kind').selectOption('sign-in-failed');
    await log.getByRole('button', { name: 'Показать', exact: true }).click();
    await expect.poll(async () => (await table.innerText()).includes('Открыт журнал')).toBe(false);
    expect(await table.innerText()).toContain('Неудачный вход');
  });
});
