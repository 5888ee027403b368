import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_OUTCOMES } from '../../model/access/oidc-outcomes.ts';
import { OIDC_DEFAULT_NAME } from '../../sync-server/auth/oidc-config.ts';
import { listenTestProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { buildClient, chromiumAvailable, followServerClock, launchChromium, SHOTS } from './browser.ts';
import { signIn } from './pages.ts';

const VIEWPORT = { width: 1280, height: 800 };

describe.runIf(chromiumAvailable())('sign-in through the region’s identity provider (Chromium)', () => {
  let provider: TestProvider;
  let server: TestServer;
  let plain: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    await buildClient();
    provider = await listenTestProvider();
    server = await startTestServer({
      staticDir: 'dist/client',
      oidc: { issuer: provider.issuer, clientId: 'journal', clientSecret: 'journal-secret', name: OIDC_DEFAULT_NAME },
    });
    provider.register([
      { client_id: 'journal', client_secret: 'journal-secret', redirect_uris: [`${server.origin}/api/auth/oidc/callback`] },
    ]);
    plain = await startTestServer({ staticDir: 'dist/client' });
    browser = followServerClock(await launchChromium(), server.clock);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await plain?.dispose();
    await provider?.close();
  });

  it('E2E-39: a teacher links the identity in «Профиль», then signs in with the button; a stranger is told to link first; without OIDC_* no button', async () => {
    const teacherCtx = await browser.newContext({ viewport: VIEWPORT });
    const teacher = await signIn(teacherCtx, server.origin, 'teacher');
    await teacher.getByTestId('profile').locator('summary').click();
    await expect.poll(() => teacher.getByTestId('oidc-link-state').innerText()).toContain('Не привязана');
    provider.signInAs('person-teacher');
    await teacher.getByTestId('oidc-link').click();
    // Through the provider and back: the profile opens with what happened, and the address is clean again.
    await expect.poll(() => teacher.getByTestId('oidc-outcome').innerText(), { timeout: 30_000 }).toBe(OIDC_OUTCOMES.linked);
    expect(new URL(teacher.url()).search).toBe('');
    expect(await teacher.getByTestId('oidc-link-state').innerText()).toContain('Привязана');
    await teacher.screenshot({ path: `${SHOTS}/e2e-oidc-linked.png` });

    const againCtx = await browser.newContext({ viewport: VIEWPORT });
    const again = await againCtx.newPage();
    await again.goto(server.origin);
    const button = again.getByTestId('oidc-sign-in');
    await expect.poll(() => button.innerText()).toBe(OIDC_DEFAULT_NAME);
    await again.screenshot({ path: `${SHOTS}/e2e-oidc-sign-in-page.png` });
    await button.click();
    await expect.poll(() => again.getByTestId('current-user').innerText(), { timeout: 30_000 }).toContain('Смирнова');

    const strangerCtx = await browser.newContext({ viewport: VIEWPORT });
    const stranger = await strangerCtx.newPage();
    provider.signInAs('stranger');
    await stranger.goto(server.origin);
    await stranger.getByTestId('oidc-sign-in').click();
    await expect.poll(() => stranger.getByTestId('oidc-error').innerText(), { timeout: 30_000 }).toBe(OIDC_OUTCOMES.unknown);
    expect(await stranger.getByTestId('current-user').count()).toBe(0);
    await stranger.screenshot({ path: `${SHOTS}/e2e-oidc-unknown.png` });

    const plainCtx = await browser.newContext({ viewport: VIEWPORT });
    const plainPage = await plainCtx.newPage();
    await plainPage.goto(plain.origin);
    await plainPage.getByTestId('login-submit').waitFor();
    // The page asked and got 404: give its answer time to arrive before counting.
    await plainPage.waitForLoadState('networkidle');
    expect(await plainPage.getByTestId('oidc-sign-in').count()).toBe(0);
    await Promise.all([teacherCtx.close(), againCtx.close(), strangerCtx.close(), plainCtx.close()]);
  });

  it('E2E-39, AUTH-31: the administrator sees who signs in through the provider and unlinks one; that user is signed out', async () => {
    const userCtx = await browser.newContext({ viewport: VIEWPORT });
    const user = await signIn(userCtx, server.origin, 'history');
    await user.getByTestId('profile').locator('summary').click();
    provider.signInAs('person-history');
    await user.getByTestId('oidc-link').click();
    await expect.poll(() => user.getByTestId('oidc-outcome').innerText(), { timeout: 30_000 }).toBe(OIDC_OUTCOMES.linked);

    const adminCtx = await browser.newContext({ viewport: VIEWPORT });
    const admin = await signIn(adminCtx, server.origin, 'admin');
    await admin.goto(`${server.origin}/#/admin`);
    const row = admin.getByTestId('user-history');
    await expect
      .poll(() => row.getByTestId('oidc-linked').innerText(), { timeout: 30_000 })
      .toContain('привязана региональная учётная запись');
    // Only the linked accounts offer it.
    expect(await admin.getByTestId('user-english1').getByTestId('oidc-unlink').count()).toBe(0);
    await row.scrollIntoViewIfNeeded();
    await admin.screenshot({ path: `${SHOTS}/e2e-oidc-admin-linked.png` });
    admin.once('dialog', (d) => void d.accept());
    await row.getByTestId('oidc-unlink').click();
    await expect.poll(() => row.getByTestId('oidc-linked').count(), { timeout: 30_000 }).toBe(0);
    const me = await user.evaluate(async () => (await fetch('/api/me', { credentials: 'same-origin' })).status);
    expect(me).toBe(401);
    await Promise.all([userCtx.close(), adminCtx.close()]);
  });
});
