import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableCsv } from '../../sync-server/import/write-table.ts';
import { startSetupScene, type SetupScene } from '../helpers/setup-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import { buildClient, chromiumAvailable, launchChromium, SHOTS } from './browser.ts';
import { signIn } from './pages.ts';

const STAFF = [
  ['ФИО', 'Должность', 'Логин'],
  ['Орлова Елена Викторовна', 'учитель', 'orlova'],
  ['Соколов Игорь Павлович', 'заместитель директора', 'sokolov'],
];

describe.runIf(chromiumAvailable())('a real school from an empty directory (Chromium)', () => {
  let scene: SetupScene;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await buildClient();
    scene = await startSetupScene({ staticDir: 'dist/client' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await scene?.dispose();
  });

  it('SETUP-34, SETUP-35, SETUP-36, PRINT-3: DEMO=0 — the setup page creates the school and its administrator; no demo login works; the administrator imports the staff, opens «Учебный год» and reads what to sign (PRINT-3)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1300, height: 1000 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    const page = await ctx.newPage();
    await page.goto(scene.origin);
    await page.getByTestId('setup-page').waitFor();
    // From this machine no setup code is asked for (SETUP-37).
    expect(await page.getByTestId('setup-code').count()).toBe(0);
    await page.getByTestId('setup-starts').fill('2027-09-01');
    await page.getByTestId('setup-ends').fill('2028-05-31');
    await expect.poll(() => page.getByTestId('setup-periods').locator('tbody tr').count()).toBe(6);
    await page.getByTestId('setup-template').selectOption('quarters');
    await expect.poll(() => page.getByTestId('setup-periods').locator('tbody tr').count()).toBe(4);
    await page.getByTestId('setup-template').selectOption('quarters-halves');
    await page.getByTestId('setup-school').fill('МБОУ СОШ № 12');
    await page.getByTestId('setup-admin-name').fill('Иванова Мария Петровна');
    await page.getByTestId('setup-admin-login').fill('ivanova');
    await page.getByTestId('setup-admin-password').fill('short');
    await page.getByTestId('setup-admin-repeat').fill('short');
    await page.getByTestId('setup-submit').click();
    await expect.poll(() => page.getByTestId('setup-problems').innerText()).toMatch(/8 символов/);
    await page.getByTestId('setup-admin-password').fill('Школа-2027!');
    await page.getByTestId('setup-admin-repeat').fill('Школа-2027!');
    await page.screenshot({ path: `${SHOTS}/e2e-first-start-setup.png`, fullPage: true });
    await page.getByTestId('setup-submit').click();
    // The page waits for the journal to start on the same address, then opens the sign-in page.
    await page.getByTestId('login-username').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('demo-notice').count()).toBe(0);
    await scene.started;

    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('demo');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').innerText()).toMatch(/логин|пароль/i);

    const admin = await signIn(ctx, scene.origin, 'ivanova', 'Школа-2027!');
    await admin.goto(`${scene.origin}/#/import`);
    await admin.getByTestId('import-page').waitFor();
    await admin.getByTestId('import-kind-staff').click();
    await admin
      .getByTestId('import-file')
      .setInputFiles({ name: 'сотрудники.csv', mimeType: 'text/csv', buffer: Buffer.from(tableCsv(STAFF)) });
    await expect.poll(() => admin.getByTestId('import-summary').innerText(), { timeout: 30_000 }).toContain('добавится 2');
    await admin.getByTestId('import-apply').click();
    await expect.poll(() => admin.getByTestId('import-result').innerText(), { timeout: 30_000 }).toContain('добавлено 2');
    await admin.screenshot({ path: `${SHOTS}/e2e-first-start-staff.png`, fullPage: true });

    await admin.goto(`${scene.origin}/#/year`);
    const periodNames = () =>
      admin
        .getByTestId('year-periods')
        .locator('tbody input:not([type])')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    await expect.poll(periodNames, { timeout: 30_000 }).toEqual(expect.arrayContaining(['1 четверть', '4 четверть', '2 полугодие']));
    await admin.screenshot({ path: `${SHOTS}/e2e-first-start-year.png`, fullPage: true });
    // PRINT-3: the administrator's archive panel says what is printed and signed, and when.
    await admin.goto(`${scene.origin}/#/admin`);
    await expect.poll(() => admin.getByTestId('signing-block').innerText(), { timeout: 30_000 }).toContain('В конце каждой четверти');
    await ctx.close();
  });

  it("SETUP-38: the demo's sign-in page says it is a demo and explains «Создать свою школу»", async () => {
    const demo = await startTestServer({ staticDir: 'dist/client' });
    try {
      const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'ru-RU' });
      const page = await ctx.newPage();
      await page.goto(demo.origin);
      await expect.poll(() => page.getByTestId('demo-notice').innerText()).toContain('Это демонстрационная школа');
      await page.getByTestId('own-school').click();
      expect(await page.getByTestId('own-school-how').innerText()).toContain('DEMO=0');
      await page.screenshot({ path: `${SHOTS}/e2e-first-start-demo-notice.png`, fullPage: true });
      await ctx.close();
    } finally {
      await demo.dispose();
    }
  });
});
