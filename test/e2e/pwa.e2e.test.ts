import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { chromiumAvailable, followServerClock, launchChromium, SHOTS } from './browser.ts';
import { signIn } from './pages.ts';

const CONTEXT = { viewport: { width: 1400, height: 900 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };

/**
 * Builds the client into `outDir` with a mark of its version in index.html: a deploy changes the
 * app shell, hence its precache revision, hence the worker's script, as a real deploy does.
 */
async function buildVersion(outDir: string, version: string): Promise<void> {
  await build({
    configFile: 'vite.config.ts',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
    plugins: [
      {
        name: 'test-build-version',
        transformIndexHtml: (html: string) => html.replace('</head>', `<meta name="journal-build" content="${version}" /></head>`),
      },
    ],
  });
}

/** Every file of a built client, as the paths a browser asks for. */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `/${relative(dir, join(e.parentPath, e.name)).replaceAll('\\', '/')}`);
}

/** What the worker's precache holds, as paths (without Workbox's `__WB_REVISION__`). */
const precachedPaths = (page: Page) =>
  page.evaluate(async () => {
    const name = (await caches.keys()).find((k) => k.startsWith('workbox-precache'));
    if (!name) return [];
    return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
  });

const versionOf = (page: Page) => page.locator('meta[name="journal-build"]').getAttribute('content');

/** The worker controls the page: from now on the app opens with no network. */
const controlled = (page: Page) => page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 45_000 });

/** What the browsers' hourly check does (update-prompt.tsx), now. */
const checkForUpdate = (page: Page) => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));

/**
 * The installable app (vite-plugin-pwa, Workbox): its whole client precached (PWA-1), a new
 * version offered and taken only on «Обновить» (PWA-2), its manifest (PWA-3). The server serves
 * a copy of its own builds, so that a deploy can be played without touching dist/client.
 */
describe.runIf(chromiumAvailable())('the installable app and its service worker (Chromium)', () => {
  const dirs = { served: '', v1: '', v2: '' };
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    for (const k of Object.keys(dirs) as Array<keyof typeof dirs>) dirs[k] = mkdtempSync(join(tmpdir(), `journal-pwa-${k}-`));
    await buildVersion(dirs.v1, '1');
    await buildVersion(dirs.v2, '2');
    cpSync(dirs.v1, dirs.served, { recursive: true });
    server = await startTestServer({ staticDir: dirs.served, at: DEMO_FIXTURE_DAY });
    browser = followServerClock(await launchChromium(), server.clock);
    // Two builds of the client: on a busy 2-core machine each may take half a minute.
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    for (const dir of Object.values(dirs)) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Copies a build over the served one, as a deploy does (old hashed files stay). */
  const deploy = (dir: string) => cpSync(dir, dirs.served, { recursive: true });

  it('PWA-1: after one online visit the app opens offline, and a page it had not shown comes from the precache', async () => {
    const ctx: BrowserContext = await browser.newContext(CONTEXT);
    const page = await signIn(ctx, server.origin, 'classteacher');
    await controlled(page);
    // Every chunk, style, icon and the shell, not only what this visit loaded.
    const worker = new Set(['/sw.js', '/sw-retire-v1.js']);
    const expected = filesOf(dirs.served).filter((p) => !worker.has(p) && !/^\/workbox-[\w-]+\.js$/.test(p));
    expect(expected.some((p) => p.startsWith('/assets/') && p.endsWith('.js'))).toBe(true);
    await expect.poll(async () => (await precachedPaths(page)).sort(), { timeout: 45_000 }).toEqual(expected.sort());

    await ctx.setOffline(true);
    const failed: string[] = [];
    const notFromWorker: string[] = [];
    const own = (url: string) => url.startsWith(server.origin) && !/^\/(api|sync)(\/|$)/.test(new URL(url).pathname);
    page.on('requestfailed', (r) => void (own(r.url()) && failed.push(r.url())));
    page.on('response', (r) => void (own(r.url()) && !r.fromServiceWorker() && notFromWorker.push(r.url())));
    await page.reload();
    await page.getByTestId('current-user').waitFor({ timeout: 45_000 });
    expect(await versionOf(page)).toBe('1');
    // A page not opened online: the class's attendance board, from this device's copy.
    await page.goto(`${server.origin}/#/attendance/5b`);
    await page.getByTestId('attendance-day').waitFor({ timeout: 45_000 });
    await page.getByTestId('board-stale').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/pwa-offline-board.png` });
    expect(failed).toEqual([]);
    expect(notFromWorker).toEqual([]);
    await ctx.setOffline(false);
    await ctx.close();
  });

  it('PWA-2: a new version deployed while the page is open is offered, «Позже» keeps the old one, «Обновить» reloads into the new', async () => {
    const ctx = await browser.newContext(CONTEXT);
    const page = await signIn(ctx, server.origin, 'teacher');
    await controlled(page);
    expect(await versionOf(page)).toBe('1');
    // The first install asks nothing.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.state))).toBe('activated');
    expect(await page.getByTestId('update-prompt').count()).toBe(0);

    // A deploy while this page (opened at the first install) is open: offered, taken on «Обновить».
    deploy(dirs.v2);
    await checkForUpdate(page);
    const prompt = page.getByTestId('update-prompt');
    await prompt.waitFor({ timeout: 60_000 });
    expect(await prompt.innerText()).toContain('Доступна новая версия приложения');
    expect(await versionOf(page)).toBe('1');
    await page.screenshot({ path: `${SHOTS}/pwa-update-prompt.png` });
    await page.getByTestId('update-now').click();
    await expect.poll(() => versionOf(page), { timeout: 60_000 }).toBe('2');
    await page.getByTestId('current-user').waitFor();
    expect(await prompt.count()).toBe(0);

    // Another deploy (the first build again: a rollback is a new version too): «Позже» hides
    // the offer and keeps the running version, even across a reload; the next start offers it again.
    deploy(dirs.v1);
    await checkForUpdate(page);
    await prompt.waitFor({ timeout: 60_000 });
    await page.getByTestId('update-later').click();
    await prompt.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByTestId('current-user').waitFor();
    expect(await versionOf(page)).toBe('2');
    await prompt.waitFor({ timeout: 60_000 });
    await page.getByTestId('update-now').click();
    await expect.poll(() => versionOf(page), { timeout: 60_000 }).toBe('1');
    await page.getByTestId('current-user').waitFor();
    expect(await prompt.count()).toBe(0);
    await ctx.close();
  });

  it('PWA-3: the manifest is served, valid and installable, its icons exist; the worker is served uncached', async () => {
    const html = await (await fetch(server.origin)).text();
    const href = /<link rel="manifest" href="([^"]+)"/.exec(html)?.[1];
    expect(href).toBe('/manifest.webmanifest');
    const res = await fetch(`${server.origin}${href}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/manifest+json');
    const manifest = (await res.json()) as {
      name: string;
      short_name: string;
      lang: string;
      display: string;
      start_url: string;
      theme_color: string;
      icons: Array<{ src: string; sizes: string; type: string; purpose?: string }>;
    };
    expect(manifest).toMatchObject({ name: 'Электронный журнал', short_name: 'Журнал', lang: 'ru', display: 'standalone', start_url: '/' });
    expect(html).toContain(`<meta name="theme-color" content="${manifest.theme_color}"`);
    for (const icon of manifest.icons) {
      const png = await fetch(`${server.origin}${icon.src}`);
      expect(png.status, icon.src).toBe(200);
      expect(png.headers.get('content-type'), icon.src).toBe('image/png');
      // A PNG's width and height are in its IHDR chunk, at bytes 16–23.
      const bytes = Buffer.from(await png.arrayBuffer());
      expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    }
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);

    // The worker's script is revalidated on every check; its runtime is JavaScript; a missing
    // file is a 404, never the app shell.
    const sw = await fetch(`${server.origin}/sw.js`);
    expect(sw.headers.get('content-type')).toContain('text/javascript');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    // sw.js loads its runtime as `define(["./workbox-<hash>"], …)`.
    const runtime = /\.\/(workbox-\w+)['"]/.exec(await sw.text())?.[1];
    expect(runtime).toBeDefined();
    const rt = await fetch(`${server.origin}/${runtime}.js`);
    expect([rt.status, rt.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await fetch(`${server.origin}/assets/no-such-chunk.js`)).status).toBe(404);

    // Chromium reads the manifest without an error and finds the app installable.
    const ctx = await browser.newContext(CONTEXT);
    const page = await ctx.newPage();
    await page.goto(server.origin);
    await controlled(page);
    const cdp = await ctx.newCDPSession(page);
    const read = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; data?: string };
    expect(read.errors).toEqual([]);
    const installable = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: Array<{ errorId: string }> };
    // A test browser's context is incognito, where nothing installs; nothing else may stand in the way.
    expect(installable.installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
    await ctx.close();
  });
});
