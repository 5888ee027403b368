import type { Browser } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyArchivePath } from '../../sync-server/archive/archive-zip.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, startScenario } from './browser.ts';
import { signIn } from './pages.ts';

const VIEWPORT = { width: 1400, height: 900 };

describe.runIf(chromiumAvailable())('the archive on the administrator’s page (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let work = '';

  beforeAll(async () => {
    ({ server, browser } = await startScenario({ at: DEMO_FIXTURE_DAY }));
    work = mkdtempSync(join(tmpdir(), 'journal-e2e-archive-'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('E2E-9: the administrator signs snapshots, creates a backup that appears in the list, and downloads 5Б’s export, which verifies; offline the section says it needs the server', async () => {
    const ctx = await browser.newContext({ viewport: VIEWPORT, locale: 'ru-RU', acceptDownloads: true });
    const admin = await signIn(ctx, server.origin, 'admin');
    await admin.getByTestId('admin-link').click();
    const panel = admin.getByTestId('archive-panel');
    await panel.waitFor();
    await panel.scrollIntoViewIfNeeded();

    // Snapshots now: the page says how many documents got one.
    await admin.getByTestId('snapshots-sign').click();
    const signed = admin.getByTestId('snapshots-result');
    await signed.waitFor({ timeout: 60_000 });
    expect(await signed.innerText()).toMatch(/^(Подписан новый снимок 1 документа|Подписаны новые снимки \d+ документ(а|ов))\.$/);
    expect((await server.storage.signedSnapshots('journal/5b/2026')).length).toBeGreaterThan(0);

    // A backup now: it appears in the list with its time and size.
    await expect.poll(() => admin.getByTestId('backups-table').count(), { timeout: 30_000 }).toBe(1);
    expect(await admin.getByTestId('backup-row').count()).toBe(0);
    await admin.getByTestId('backup-create').click();
    const rows = admin.getByTestId('backup-row');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(1);
    const made = server.backups.list();
    expect(made).toHaveLength(1);
    const row = await rows.first().innerText();
    expect(row).toContain(made[0].name);
    expect(row).toMatch(/\d\d\.\d\d\.\d{4}, \d\d:\d\d/);
    expect(row).toMatch(/\d+,\d МБ/);

    // 5Б's export: a zip the browser saves, which verifies without the server.
    await admin.getByTestId('export-class').selectOption({ label: '5Б класс' });
    const [download] = await Promise.all([
      admin.waitForEvent('download', { timeout: 90_000 }),
      admin.getByTestId('export-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^archive-5b-2026-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.zip$/);
    const file = join(work, download.suggestedFilename());
    await download.saveAs(file);
    expect(verifyArchivePath(file)).toEqual([]);
    await admin.getByTestId('export-saved').waitFor();
    expect(await admin.getByTestId('keys-link').getAttribute('href')).toBe('/.well-known/journal-keys.json');
    expect(await panel.innerText()).toContain('npm run verify -- <файл>.zip');
    await panel.screenshot({ path: `${SHOTS}/e2e-archive-panel.png` });
    await admin.screenshot({ path: `${SHOTS}/e2e-archive-page.png`, fullPage: true });

    // Offline: each action says the server is needed, nothing breaks.
    await ctx.setOffline(true);
    await admin.getByTestId('backup-create').click();
    await admin.getByTestId('backups-error').waitFor({ timeout: 30_000 });
    expect(await admin.getByTestId('backups-error').innerText()).toContain('Нет связи с сервером');
    await admin.getByTestId('export-download').click();
    await admin.getByTestId('export-error').waitFor({ timeout: 30_000 });
    expect(await admin.getByTestId('export-error').innerText()).toContain('нужно подключение к сети');
    expect(await rows.count()).toBe(1);
    await panel.screenshot({ path: `${SHOTS}/e2e-archive-offline.png` });
    // Reloaded offline (the app shell from the service worker): the section still says so.
    await admin.reload();
    await admin.getByTestId('backups-error').waitFor({ timeout: 45_000 });
    expect(await admin.getByTestId('backups-error').innerText()).toContain('Нет связи с сервером');
    await ctx.close();
  });
});
