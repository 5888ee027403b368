import { describe, expect, it } from 'vitest';
import { ownKtp, subjects, type SubjectId, type UserId } from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

const CONTEXT = { viewport: { width: 1400, height: 1100 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };
const SCHOOL = 'school/demo/2026';
const TITLE = 'Контрольная работа № 3 по теме «Дроби»';
const mathPlan = async (server: TestServer) =>
  ownKtp(await loadStoredDoc(server.storage, SCHOOL), 'u-teacher' as UserId, 'math' as SubjectId, 5);

describe.runIf(chromiumAvailable())('the КТП editor (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('E2E-20: the deputy opens the maths teacher’s КТП of grade 5, sees it total 5 h × 34 weeks, adds a control work (1 h over), moves it up; an empty topic is refused', async () => {
    const { server, browser } = scene;
    const before = await mathPlan(server);
    const total = before.reduce((n, [, k]) => n + k.hours, 0);
    const controls = before.filter(([, k]) => k.kind === 'control').length;
    // The demo's КТП totals its curriculum hours (SETUP-21): 5 h a week of mathematics in grade 5 (YEAR-4) × 34 weeks.
    expect(total).toBe(170);
    expect(subjects.get(await loadStoredDoc(server.storage, SCHOOL), 'math')?.hours?.['5']).toBe(5);

    const deputyCtx = await browser.newContext(CONTEXT);
    const deputy = await signIn(deputyCtx, server.origin, 'deputy');
    await deputy.getByTestId('year-link').click();
    await expect.poll(() => deputy.getByTestId('hours-math-5').inputValue()).toBe('5');

    await deputy.getByTestId('year-tabs').getByRole('link', { name: 'КТП' }).click();
    const tab = deputy.getByTestId('year-ktp');
    await tab.getByTestId('ktp-teacher').selectOption('u-teacher');
    await tab.getByTestId('ktp-plan').selectOption('math:5');
    await expect.poll(() => tab.getByTestId('ktp-row').count()).toBe(before.length);
    // SETUP-20, SETUP-28: 168 study days ÷ 5 = 33,6 → 34 weeks; 5 × 34 = 170.
    const totals = tab.getByTestId('ktp-totals');
    await expect.poll(() => totals.innerText()).toBe('Всего: 170 ч · по учебному плану: 170 ч (5 ч/нед × 34 нед) · разница: 0 ч');
    expect((await totals.getAttribute('class')) ?? '').not.toContain('ktp-off');
    expect(await tab.getByTestId('ktp-works').innerText()).toContain(`Контрольных работ: ${controls}`);

    // SETUP-22: an empty topic is refused with its reason, and nothing is written.
    await tab.getByTestId('ktp-add').click();
    await expect.poll(() => deputy.getByTestId('ktp-problems').innerText()).toContain('Укажите тему.');

    // A control work at the end, then one place up (SETUP-26: two numbers swapped).
    await tab.getByTestId('ktp-new-title').fill(TITLE);
    await tab.getByTestId('ktp-new-hours').fill('1');
    await tab.getByTestId('ktp-new-kind').selectOption('control');
    await tab.getByTestId('ktp-add').click();
    await expect.poll(() => deputy.getByTestId('ktp-problems').count()).toBe(0);
    await expect.poll(() => tab.getByTestId('ktp-row').count()).toBe(before.length + 1);
    await expect.poll(() => totals.innerText()).toBe('Всего: 171 ч · по учебному плану: 170 ч (5 ч/нед × 34 нед) · разница: +1 ч');
    expect(await totals.getAttribute('class')).toContain('ktp-off');
    await expect.poll(() => tab.getByTestId('ktp-works').innerText()).toContain(`Контрольных работ: ${controls + 1}`);
    await tab.getByTestId('ktp-row').last().getByTestId('ktp-up').click();
    await expect
      .poll(() =>
        tab
          .getByTestId('ktp-row')
          .nth(before.length - 1)
          .getByTestId('ktp-title')
          .inputValue(),
      )
      .toBe(TITLE);

    // What the server stored: the new topic is № n (order n − 1), the former last one № n + 1.
    const lastKey = before.at(-1)![0];
    await expect
      .poll(
        async () => {
          const after = await mathPlan(server);
          const added = after.find(([, k]) => k.title === TITLE);
          return [after.length, added?.[1].order, added?.[1].kind, added?.[1].hours, after.find(([k]) => k === lastKey)?.[1].order];
        },
        { timeout: 30_000 },
      )
      .toEqual([before.length + 1, before.length - 1, 'control', 1, before.length]);

    await deputy.screenshot({ path: `${SHOTS}/e2e-ktp-setup.png`, fullPage: true });
    await deputyCtx.close();
  });
});
