import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, useScenario } from './browser.ts';

describe.runIf(chromiumAvailable())('signing in while the page is still loading (Chromium)', () => {
  const scene = useScenario();

  it('E2E-36: login and password typed before the server says whether this is the demo stay typed, and the sign-in goes through', async () => {
    const { server, browser } = scene;
    const page = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
    // The answer of /api/about is held until the person has typed (a slow server, a slow network).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked!: () => void;
    const aboutAsked = new Promise<void>((resolve) => (asked = resolve));
    await page.route('**/api/about', async (route: Route) => {
      asked();
      await held;
      await route.continue();
    });
    await page.goto(server.origin);
    await aboutAsked;
    await page.getByTestId('login-username').fill('teacher');
    await page.getByTestId('login-password').fill('demo');
    release();
    // SETUP-38: the demo notice comes in beside the form, which keeps what was typed.
    await page.getByTestId('demo-notice').waitFor();
    expect(await page.getByTestId('login-username').inputValue()).toBe('teacher');
    expect(await page.getByTestId('login-password').inputValue()).toBe('demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
  });
});
