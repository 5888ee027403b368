import { describe, expect, it } from 'vitest';
import { classes, listStudents } from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

const CONTEXT = { viewport: { width: 1400, height: 1000 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };

describe.runIf(chromiumAvailable())('the next school year (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('E2E-34: the deputy prepares the next year on «Классы и группы»: 5Б moves up to 6Б with its students; the page then says it is prepared', async () => {
    const { server, browser } = scene;
    const deputy = await signIn(await browser.newContext(CONTEXT), server.origin, 'deputy');
    await deputy.goto(`${server.origin}/#/year/classes`);
    const section = deputy.getByTestId('next-year');
    await section.getByTestId('next-year-prepare').click();
    const table = section.getByTestId('next-year-classes');
    await table.waitFor();
    await expect.poll(() => table.innerText()).toContain('6Б');
    await section.screenshot({ path: `${SHOTS}/e2e-next-year.png` });

    // YEAR-16: what the server stored for 2027, beside the running year, is what the page lists:
    // 5Б's students who are still in the class at the year's end (one left during the year).
    const next = await loadStoredDoc(server.storage, 'school/demo/2027');
    expect(classes.get(next, '6b')?.name).toBe('6Б');
    const moved = listStudents(await loadStoredDoc(server.storage, 'journal/6b/2027')).length;
    expect(moved).toBeGreaterThan(20);
    expect(await table.innerText()).toMatch(new RegExp(`6Б\\s+5Б\\s+${moved}\\b`));

    // YEAR-20: a reload finds it prepared and offers it no more.
    await deputy.reload();
    await section.getByTestId('next-year-ready').waitFor();
    expect(await section.getByTestId('next-year-ready').innerText()).toContain('2027');
    expect(await section.getByTestId('next-year-prepare').count()).toBe(0);
  });

  it('E2E-34: a teacher sees no such section', async () => {
    const { server, browser } = scene;
    const teacher = await signIn(await browser.newContext(CONTEXT), server.origin, 'teacher');
    await teacher.goto(`${server.origin}/#/year/classes`);
    await teacher.getByTestId('year-classes-tab').waitFor();
    expect(await teacher.getByTestId('next-year').count()).toBe(0);
  });
});
