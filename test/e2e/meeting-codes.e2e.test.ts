import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStudents, type Student } from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { pageTexts, pageWords, popplerAvailable } from '../helpers/poppler.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { chromiumAvailable, SHOTS, startScenario } from './browser.ts';
import { signIn } from './pages.ts';

const VIEWPORT = { width: 1400, height: 900 };
const CODE = /^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/;

/** The codes of a sheet's first page in slip order: row by row, left before right. */
const firstPageCodes = (file: string) =>
  pageWords(file, 1)
    .filter((w) => CODE.test(w.text))
    .sort((a, b) => Math.round(a.y / 50) - Math.round(b.y / 50) || a.x - b.x)
    .map((w) => w.text);

describe.runIf(chromiumAvailable() && popplerAvailable())('codes for a parents’ meeting in the browser (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let work = '';
  /** 5Б's students with no account yet (the demo family's student has both), in roster order. */
  let fresh: Student[];

  beforeAll(async () => {
    ({ server, browser } = await startScenario({ at: DEMO_FIXTURE_DAY }));
    work = mkdtempSync(join(tmpdir(), 'meeting-e2e-'));
    const family = (await server.storage.findUserByLogin('parent'))?.studentLinks?.[0]?.studentId;
    const roster = listStudents(await loadStoredDoc(server.storage, 'journal/5b/2026'));
    fresh = roster.filter((s) => (s.leftOn === null || s.leftOn > server.today()) && s.id !== family);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('E2E-37: the class teacher downloads the meeting’s sheet; a mother activates one slip and adds her second child with another; offline the page says it needs the network', async () => {
    const ctx = await browser.newContext({ viewport: VIEWPORT, locale: 'ru-RU', acceptDownloads: true });
    const teacher = await signIn(ctx, server.origin, 'classteacher');
    await teacher.getByTestId('class-codes-link-5b').click();
    await teacher.getByTestId('roster-table').waitFor();
    const [download] = await Promise.all([
      teacher.waitForEvent('download', { timeout: 90_000 }),
      teacher.getByTestId('meeting-codes-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('codes-5b.pdf');
    const file = join(work, 'codes-5b.pdf');
    await download.saveAs(file);
    await expect.poll(() => teacher.getByTestId('meeting-codes-done').innerText()).toContain(`Выдано кодов: ${2 * fresh.length}`);
    const text = pageTexts(file).join('\n');
    expect(text).toContain(`${server.origin}/#/activate`);
    expect(text).toContain(fresh[0].name);
    // The codes are listed on the page as issued, and now show in the students' rows.
    await expect.poll(() => teacher.getByTestId(`student-${fresh[0].id}`).innerText()).toContain('родитель: действует');
    await teacher.getByTestId('meeting-codes').screenshot({ path: `${SHOTS}/e2e-meeting-codes.png` });

    // The first slip is the first student's parent's; the third, the second student's parent's.
    const [first, , third] = firstPageCodes(file);
    const motherCtx = await browser.newContext({ viewport: VIEWPORT });
    const mother = await motherCtx.newPage();
    await mother.goto(`${server.origin}/#/activate`);
    await mother.getByTestId('activate-code').fill(first);
    await mother.getByTestId('activate-login').fill('mama.dvoih');
    await mother.getByTestId('activate-password').fill('Dvoe-detej-2026');
    await mother.getByTestId('activate-repeat').fill('Dvoe-detej-2026');
    await mother.getByTestId('activate-submit').click();
    await mother.getByTestId('add-child-link').click();
    await mother.getByTestId('add-child-code').fill(third);
    await mother.screenshot({ path: `${SHOTS}/e2e-add-child.png` });
    await mother.getByTestId('add-child-submit').click();
    await expect
      .poll(async () => (await mother.evaluate(() => fetch('/api/me').then((r) => r.json()))).user.studentLinks, { timeout: 30_000 })
      .toEqual([
        { classId: '5b', studentId: fresh[0].id },
        { classId: '5b', studentId: fresh[1].id },
      ]);
    await expect.poll(() => mother.evaluate(() => location.hash)).not.toBe('#/activate');

    // Offline: the button says the codes need the network, in Russian.
    await ctx.setOffline(true);
    await teacher.getByTestId('meeting-codes-download').click();
    await teacher.getByTestId('meeting-codes-error').waitFor({ timeout: 30_000 });
    expect(await teacher.getByTestId('meeting-codes-error').innerText()).toContain('Нет связи с сервером');
    await Promise.all([ctx.close(), motherCtx.close()]);
  });
});
