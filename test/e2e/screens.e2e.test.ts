import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pageLessons, WHOLE_CLASS, type ClassId, type SubjectId } from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

const LAPTOP = { width: 1366, height: 768 };
/** What a 1366 × 768 laptop's browser leaves to the page under its tab strip and address bar. */
const LAPTOP_IN_BROWSER = { width: 1366, height: 657 };
const PHONE = { width: 390, height: 844 };
const CONTEXT = { timezoneId: 'Europe/Moscow', locale: 'ru-RU' };

/** Rows of the grid wholly inside its visible area: below the sticky dates, above its bottom edge and the window's. */
const wholeRows = (page: Page) =>
  page.getByTestId('journal-grid').evaluate((grid) => {
    const box = grid.getBoundingClientRect();
    const top = grid.querySelector('thead')!.getBoundingClientRect().bottom;
    const bottom = Math.min(box.top + grid.clientHeight, window.innerHeight);
    const rows = [...grid.querySelectorAll('tbody tr')].map((r) => r.getBoundingClientRect());
    return {
      total: rows.length,
      whole: rows.filter((r) => r.top >= top - 0.5 && r.bottom <= bottom + 0.5).length,
      rowHeight: Math.min(...rows.map((r) => r.height)),
      viewport: `${window.innerWidth}×${window.innerHeight}`,
    };
  });

/** The page is no wider than the window: neither the document nor the page's own scroller scrolls sideways. */
const widths = (page: Page) =>
  page.evaluate(() => {
    const main = document.querySelector<HTMLElement>('main.page')!;
    return { document: document.documentElement.scrollWidth, page: main.scrollWidth - main.clientWidth, window: window.innerWidth };
  });

/** Wholly on screen and takes a click there (Playwright's actionability checks, without clicking). */
async function expectClickable(page: Page, testId: string) {
  const el = page.getByTestId(testId);
  await el.click({ trial: true });
  const box = (await el.boundingBox())!;
  const vp = page.viewportSize()!;
  expect(box.x, testId).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, testId).toBeLessThanOrEqual(vp.width + 0.5);
  expect(box.y + box.height, testId).toBeLessThanOrEqual(vp.height + 0.5);
}

describe.runIf(chromiumAvailable())('screens: a classroom laptop and a phone (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('E2E-30: 5Б mathematics at 1366 × 768 shows at least 22 rows with the lesson panel open beside them; every panel control is reachable; folding is remembered', async () => {
    const { server, browser } = scene;
    const ctx = await browser.newContext({ ...CONTEXT, viewport: LAPTOP });
    const page = await signIn(ctx, server.origin, 'teacher');
    await page.goto(`${server.origin}/#/journal/5b/math/all`);
    const grid = page.getByTestId('journal-grid');
    await grid.locator('tbody tr').first().waitFor();
    const panel = page.getByTestId('lesson-panel');
    await panel.getByTestId('lesson-topic').waitFor();

    for (const viewport of [LAPTOP, LAPTOP_IN_BROWSER]) {
      await page.setViewportSize(viewport);
      await expect.poll(() => page.evaluate(() => window.innerHeight)).toBe(viewport.height);
      const rows = await wholeRows(page);
      expect(rows.total, 'the class on the page').toBeGreaterThanOrEqual(25);
      expect(rows.whole, `rows wholly visible at ${rows.viewport}`).toBeGreaterThanOrEqual(22);
      // Still a journal to read: a row holds a 14 px mark with room for the focus outline.
      expect(rows.rowHeight).toBeGreaterThanOrEqual(22);
      // The panel is beside the grid, not under it.
      const [g, p] = [(await grid.boundingBox())!, (await panel.boundingBox())!];
      expect(p.x).toBeGreaterThanOrEqual(g.x + g.width - 1);
      await page.screenshot({ path: `${SHOTS}/e2e-screens-journal-${viewport.width}x${viewport.height}.png` });

      // Every control of the lesson panel can be clicked (the panel scrolls if it must).
      for (const id of ['lesson-topic', 'lesson-homework', 'lesson-worktype', 'lesson-history-button']) await expectClickable(page, id);
      if ((await panel.getByTestId('lesson-ktp').count()) > 0) await expectClickable(page, 'lesson-ktp');
      if ((await panel.getByTestId('all-present').count()) > 0) await expectClickable(page, 'all-present');
      else await expect.poll(() => panel.getByTestId('attendance-recorded').isVisible()).toBe(true);
    }

    // Folded, the grid takes the width; the device remembers it across a reload, until unfolded.
    await page.setViewportSize(LAPTOP);
    const wide = (await grid.boundingBox())!.width;
    await page.getByTestId('lesson-panel-toggle').click();
    await expect.poll(() => panel.isVisible()).toBe(false);
    expect((await grid.boundingBox())!.width).toBeGreaterThan(wide + 250);
    await page.reload();
    await grid.locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('lesson-panel-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(await panel.isVisible()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/e2e-screens-journal-folded.png` });
    await page.getByTestId('lesson-panel-toggle').click();
    await expect.poll(() => panel.getByTestId('lesson-topic').isVisible()).toBe(true);
    await page.reload();
    await panel.getByTestId('lesson-topic').waitFor();
    await ctx.close();
  });

  it('E2E-31: at 390 px no staff page is wider than the phone, and «Меню» unfolds every top-bar control, «Выйти на всех устройствах» included', async () => {
    const { server, browser } = scene;
    const home: Step = ['#/', '.home .directory'];
    const journal: Step = ['#/journal/5b/math/all', '[data-testid="journal-grid"] tbody tr'];
    const reports: Step = ['#/reports', '[data-testid="report-kind"]'];
    const year: Step[] = ['', '/staff', '/classes', '/load', '/timetable', '/ktp', '/iup'].map((t) => [
      `#/year${t}`,
      '[data-testid="year-tabs"]',
    ]);
    const pages: Record<string, Step[]> = {
      teacher: [home, journal, reports],
      classteacher: [
        home,
        ['#/journal/5b/rus/all', '[data-testid="journal-grid"] tbody tr'],
        ['#/attendance/5b', '[data-testid="attendance-day"]'],
        ['#/attendance/5b?view=week', '[data-testid="attendance-week"]'],
        ['#/attendance/5b?view=period', '[data-testid="attendance-totals"]'],
        ['#/class-codes/5b', '[data-testid="roster-table"]'],
        reports,
      ],
      deputy: [
        home,
        journal,
        ['#/attendance/5b', '[data-testid="attendance-page"]'],
        reports,
        ['#/monitoring', '[data-testid="monitoring-page"]'],
        ...year,
        ['#/refused', '[data-testid="refused-page"]'],
        ['#/corrections', '[data-testid="corrections-count"]'],
        ['#/late', '[data-testid="corrections-count"]'],
        ['#/substitutions', '[data-testid="plan-grid"]'],
        ['#/import', '[data-testid="template-csv"]'],
      ],
      admin: [
        home,
        ['#/admin', '[data-testid="users-table"]'],
        ['#/students?class=5b', '[data-testid="movement-roster"]'],
        ['#/import', '[data-testid="template-csv"]'],
        year[0],
        reports,
      ],
    };
    for (const [login, steps] of Object.entries(pages)) {
      const ctx = await browser.newContext({ ...CONTEXT, viewport: PHONE });
      const page = await signIn(ctx, server.origin, login);
      let confirmed = false;
      for (const [hash, ready] of steps) {
        await page.goto(`${server.origin}/${hash}`);
        await page.locator(ready).first().waitFor();
        const w = await widths(page);
        expect(w.window).toBe(PHONE.width);
        expect(w.document, `${login} ${hash}: the document's width`).toBeLessThanOrEqual(PHONE.width);
        expect(w.page, `${login} ${hash}: the page scrolls sideways by`).toBe(0);

        // The top bar: home and «Меню» on the line; the menu unfolds the rest, each on screen.
        await expectClickable(page, 'top-menu-toggle');
        expect(await page.locator('.top-bar .brand').isVisible()).toBe(true);
        await page.getByTestId('top-menu-toggle').click();
        for (const id of ['reports-link', 'admin-link', 'logout', 'logout-all']) {
          if ((await page.getByTestId(id).count()) > 0) await expectClickable(page, id);
        }
        if (!confirmed) {
          // The real button: its confirmation opens (dismissed: she stays signed in).
          let asked = '';
          page.once('dialog', (d) => {
            asked = d.message();
            void d.dismiss();
          });
          await page.getByTestId('logout-all').click();
          expect(asked).toContain('Выйти на всех устройствах?');
          confirmed = true;
          await page.screenshot({ path: `${SHOTS}/e2e-screens-phone-menu-${login}.png` });
        }
        await page.getByTestId('top-menu-toggle').click();
        await expect.poll(() => page.getByTestId('logout-all').isVisible()).toBe(false);
      }
      await page.screenshot({ path: `${SHOTS}/e2e-screens-phone-${login}.png` });
      expect(await page.getByTestId('current-user').count()).toBe(1);
      await ctx.close();
    }
  });

  it('E2E-32: «На дату» before the year says why the journal is empty; the deputy’s corrections open on the whole school', async () => {
    const { server, browser } = scene;
    const today = server.today();
    // The maths teacher rewrites a held lesson's topic in 5Б and in 10А: two classes' corrections.
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const j10a = await loadStoredDoc(server.storage, 'journal/10a/2026');
    const alg = pageLessons(school, j10a, '10a' as ClassId, 'alg' as SubjectId, WHOLE_CLASS).filter(
      (l) => l.substituteId === null && l.date < today,
    );
    const maths = (await mathPage(server.storage, today)).teacherLessons.filter(
      (id) => id.slice(0, 6) < today.slice(2).replaceAll('-', ''),
    );
    const cookie = await server.login('teacher');
    const rewrites = [
      { doc: 'journal/5b/2026', key: `${maths.at(-1)}:topic`, topic: 'Исправленная тема 5Б', cls: '5Б' },
      { doc: 'journal/10a/2026', key: `${alg.at(-1)!.id}:topic`, topic: 'Исправленная тема 10А', cls: '10А' },
    ];
    for (const r of rewrites) {
      const client = connectClient(server, r.doc, cookie, { ext: true });
      await synced(client);
      expect(client.doc.getMap('lessons').get(r.key), `${r.key} has a topic to correct`).toBeTruthy();
      client.doc.transact(() => client.doc.getMap('lessons').set(r.key, r.topic));
      await waitFor(async () => {
        const q = new URLSearchParams({ doc: r.doc, path: `lessons/${r.key}`, corrections: '1' });
        const res = (await (await fetch(`${server.origin}/api/history?${q}`, { headers: { cookie } })).json()) as { changes: unknown[] };
        expect(res.changes).toHaveLength(1);
      });
      client.destroy();
    }

    // The deputy: «все классы» first, both classes' corrections in it; the filter narrows and widens.
    const deputyCtx = await browser.newContext({ ...CONTEXT, viewport: LAPTOP });
    const deputy = await signIn(deputyCtx, server.origin, 'deputy');
    await deputy.getByTestId('corrections-link').click();
    await deputy.getByTestId('corrections-count').waitFor();
    expect(await deputy.getByTestId('corrections-class').inputValue()).toBe('');
    expect(await deputy.getByTestId('corrections-class').locator('option:checked').innerText()).toBe('все классы');
    const entry = (topic: string) => deputy.getByTestId('history-entry').filter({ hasText: `«${topic}»` });
    for (const r of rewrites) {
      await expect.poll(() => entry(r.topic).count(), { timeout: 30_000 }).toBe(1);
      expect(await entry(r.topic).getByTestId('history-where').innerText()).toContain(r.cls);
    }
    await deputy.screenshot({ path: `${SHOTS}/e2e-screens-corrections-school.png` });
    await deputy.getByTestId('corrections-class').selectOption('journal/5b/2026');
    await expect.poll(() => entry(rewrites[1].topic).count()).toBe(0);
    expect(await entry(rewrites[0].topic).count()).toBe(1);
    await deputy.getByTestId('corrections-class').selectOption('');
    await expect.poll(() => entry(rewrites[1].topic).count()).toBe(1);
    await deputyCtx.close();

    // The teacher's «На дату» at 20 August: said while chosen, and instead of an empty grid.
    const ctx = await browser.newContext({ ...CONTEXT, viewport: LAPTOP });
    const teacher = await signIn(ctx, server.origin, 'teacher');
    await teacher.goto(`${server.origin}/#/journal/5b/math/all`);
    await teacher.getByTestId('journal-grid').locator('tbody tr').first().waitFor();
    await teacher.getByTestId('as-of-open').click();
    await teacher.getByTestId('as-of-input').fill('2026-08-20T10:00:00');
    await expect.poll(() => teacher.getByTestId('as-of-note').innerText()).toContain('учебный год начинается 1 сентября 2026 г.');
    await teacher.getByTestId('as-of-show').click();
    const empty = teacher.getByTestId('as-of-before-year');
    await empty.waitFor();
    expect(await empty.innerText()).toContain('На 20.08.2026 10:00 учебный год ещё не начался.');
    expect(await empty.innerText()).toContain('нет ни отметок, ни посещаемости');
    expect(await teacher.getByTestId('journal-grid').count()).toBe(0);
    await teacher.screenshot({ path: `${SHOTS}/e2e-screens-as-of-before-year.png` });
    await teacher.getByTestId('as-of-first-day').click();
    await expect.poll(() => teacher.getByTestId('as-of-banner').innerText()).toContain('01.09.2026 23:59');
    await teacher.getByTestId('journal-grid').waitFor();
    expect(await teacher.getByTestId('as-of-before-year').count()).toBe(0);
    await teacher.getByTestId('as-of-back').click();
    await expect.poll(() => teacher.getByTestId('as-of-banner').count()).toBe(0);
    await ctx.close();
  });
});

/** A page to open (its hash) and what shows once it has drawn its content. */
type Step = [hash: string, ready: string];
