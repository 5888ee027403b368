import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  holidays,
  pageLessons,
  plannedControlWorks,
  subjects,
  WHOLE_CLASS,
  type ClassId,
  type IsoDate,
  type SubjectId,
} from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { chromiumAvailable, SHOTS, startScenario } from './browser.ts';
import { signIn } from './pages.ts';

const CONTEXT = { viewport: { width: 1400, height: 1100 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };
const SCHOOL = 'school/demo/2026';
const mathLessons = async (server: TestServer) =>
  pageLessons(
    await loadStoredDoc(server.storage, SCHOOL),
    await loadStoredDoc(server.storage, 'journal/5b/2026'),
    '5b' as ClassId,
    'math' as SubjectId,
    WHOLE_CLASS,
  );

describe.runIf(chromiumAvailable())('setting up the school year (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ({ server, browser } = await startScenario({ at: DEMO_FIXTURE_DAY }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('E2E-17: the deputy adds a holiday (the open 5Б journal loses that day’s lessons live), sets a subject’s hours, and is warned of two control works of 5Б on one day', async () => {
    // A day ahead in the running quarter on which 5Б has mathematics and nothing is recorded yet.
    const today = server.today();
    const ahead = (await mathLessons(server)).filter((l) => l.date > today && l.date <= '2026-12-28');
    expect(ahead.length).toBeGreaterThan(0);
    const day = ahead.at(-1)!.date as IsoDate;
    const dayLessons = ahead.filter((l) => l.date === day).map((l) => l.id);

    // The maths teacher has 5Б's page open.
    const teacherCtx = await browser.newContext(CONTEXT);
    const teacher = await signIn(teacherCtx, server.origin, 'teacher');
    await teacher.goto(`${server.origin}/#/journal/5b/math/all`);
    await teacher.getByTestId(`lesson-${dayLessons[0]}`).waitFor({ timeout: 30_000 });

    const deputyCtx = await browser.newContext(CONTEXT);
    const deputy = await signIn(deputyCtx, server.origin, 'deputy');
    await deputy.getByTestId('year-link').click();
    // YEAR-1: a period overlapping those of its grades is refused, with the reasons.
    const per = deputy.getByTestId('year-periods');
    await per.waitFor();
    await per.getByTestId('period-new-name').fill('Лишний период');
    await per.getByTestId('period-new-start').fill('2026-10-01');
    await per.getByTestId('period-new-end').fill('2026-11-30');
    await per.getByTestId('period-add').click();
    await expect.poll(() => deputy.getByTestId('period-problems').innerText()).toContain('Пересекается с периодом «1 четверть»');
    await per.screenshot({ path: `${SHOTS}/e2e-year-period-refused.png` });
    const hol = deputy.getByTestId('year-holidays');
    await hol.waitFor();
    // Outside the year: refused, with the reason, nothing written.
    await hol.getByTestId('holiday-new-name').fill('День здоровья');
    await hol.getByTestId('holiday-new-start').fill('2027-06-15');
    await hol.getByTestId('holiday-new-end').fill('2027-06-15');
    await hol.getByTestId('holiday-add').click();
    await expect.poll(() => deputy.getByTestId('holiday-problems').innerText()).toContain('выходят за границы учебного года');
    await hol.getByTestId('holiday-new-start').fill(day);
    await hol.getByTestId('holiday-new-end').fill(day);
    await hol.getByTestId('holiday-add').click();
    await expect.poll(() => deputy.getByTestId('holiday-problems').count()).toBe(0);

    // PAGE-1: the teacher's open page drops that day's lessons, through the server, live.
    for (const id of dayLessons) await expect.poll(() => teacher.getByTestId(`lesson-${id}`).count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(async () => (await mathLessons(server)).some((l) => l.date === day), { timeout: 30_000 }).toBe(false);

    // YEAR-4: curriculum hours per week, kept on the subject (the demo's are 4 in grade 1 and 5 in grade 5).
    await deputy.getByTestId('hours-math-5').fill('6');
    await deputy.getByTestId('hours-math-5').press('Tab');
    await expect
      .poll(async () => subjects.get(await loadStoredDoc(server.storage, SCHOOL), 'math')?.hours, { timeout: 30_000 })
      .toEqual({ '1': 4, '5': 6 });

    // YEAR-6: two control works of 5Б on one day are flagged.
    const cw = deputy.getByTestId('year-control-works');
    for (const subject of ['math', 'rus']) {
      await cw.getByTestId('control-new-date').fill('2026-12-16');
      await cw.getByTestId('control-new-class').selectOption('5b');
      await cw.getByTestId('control-new-subject').selectOption(subject);
      await cw.getByTestId('control-add').click();
    }
    await expect.poll(() => cw.getByTestId('control-work').count()).toBe(2);
    await expect
      .poll(() => cw.getByTestId('control-clash').innerText())
      .toBe('⚠ 5Б, 16.12.2026: 2 контрольные работы в один день — Математика, Русский язык');
    await expect.poll(async () => plannedControlWorks.all(await loadStoredDoc(server.storage, SCHOOL)).length, { timeout: 30_000 }).toBe(2);
    expect(
      holidays.all(await loadStoredDoc(server.storage, SCHOOL)).some(([, h]) => h.startsOn === day && h.name === 'День здоровья'),
    ).toBe(true);

    for (const part of ['periods', 'holidays', 'bells', 'subjects', 'control-works']) {
      await deputy.getByTestId(`year-${part}`).screenshot({ path: `${SHOTS}/e2e-year-${part}.png` });
    }
    await teacher.getByTestId('journal-grid').evaluate((el) => (el.scrollLeft = el.scrollWidth));
    await teacher.screenshot({ path: `${SHOTS}/e2e-year-journal-after-holiday.png` });
    await teacherCtx.close();
    await deputyCtx.close();
  });
});
