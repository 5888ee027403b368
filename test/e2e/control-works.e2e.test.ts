import { describe, expect, it } from 'vitest';
import { controlWorkClashes, plannedControlWorks } from '../../model/index.ts';
import { ktpBeyondYearWarnings, ktpControlDates } from '../../model/school/ktp-control-dates.ts';
import { plural } from '../../client/i18n/format.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

const CONTEXT = { viewport: { width: 1400, height: 1100 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };
const SCHOOL = 'school/demo/2026';
const FORMS = ['контрольная работа', 'контрольные работы', 'контрольных работ'] as const;
const ru = (iso: string) => iso.split('-').reverse().join('.');

describe.runIf(chromiumAvailable())('the control-work schedule from the КТП (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('E2E-23: the deputy fills the schedule from the КТП: 5Б gets its КТП control works with their topics, a second fill adds nothing, clashes are warned of', async () => {
    const { server, browser } = scene;
    const before = await loadStoredDoc(server.storage, SCHOOL);
    const planned = ktpControlDates(before);
    const of5b = planned.filter((c) => c.classId === '5b');
    const maths = of5b.find((c) => c.subjectId === 'math')!;
    expect(plannedControlWorks.all(before)).toEqual([]);
    expect(of5b.length).toBeGreaterThan(5);

    const deputy = await signIn(await browser.newContext(CONTEXT), server.origin, 'deputy');
    await deputy.goto(`${server.origin}/#/year/calendar`);
    const cw = deputy.getByTestId('year-control-works');
    await cw.waitFor();
    // By hand first: 5Б maths on the day of its first КТП control work — the fill must not double it.
    await cw.getByTestId('control-new-date').fill(maths.date);
    await cw.getByTestId('control-new-class').selectOption('5b');
    await cw.getByTestId('control-new-subject').selectOption('math');
    await cw.getByTestId('control-add').click();
    await expect.poll(() => cw.getByTestId('control-origin').innerText()).toBe('вручную');

    // YEAR-12: how many will be added shows before, and the plan’s control works past the year are warned of.
    await expect
      .poll(() => cw.getByTestId('control-fill-count').innerText())
      .toBe(`Будет добавлено из КТП: ${planned.length - 1} ${plural(planned.length - 1, FORMS)}; ещё 1 уже в графике.`);
    const beyond = await cw.getByTestId('control-ktp-beyond').innerText();
    expect(ktpBeyondYearWarnings(before).length).toBeGreaterThan(0);
    for (const line of ktpBeyondYearWarnings(before)) expect(beyond).toContain(line);
    await cw.getByTestId('control-fill-ktp').click();

    await expect
      .poll(async () => plannedControlWorks.all(await loadStoredDoc(server.storage, SCHOOL)).length, { timeout: 30_000 })
      .toBe(planned.length);
    const stored = plannedControlWorks.all(await loadStoredDoc(server.storage, SCHOOL)).map(([, w]) => w);
    const key = (w: { date: string; subjectId: string; groupId: string; ktpItemId?: string }) =>
      `${w.date} ${w.subjectId}/${w.groupId} ${w.ktpItemId ?? '—'}`;
    expect(
      stored
        .filter((w) => w.classId === '5b')
        .map(key)
        .sort(),
    ).toEqual(of5b.map((c) => key(c.ktpItemId === maths.ktpItemId ? { ...c, ktpItemId: undefined } : c)).sort());

    // A second fill has nothing to add.
    await expect.poll(() => cw.getByTestId('control-fill-count').innerText()).toBe('Все контрольные работы из КТП уже в графике.');
    expect(await cw.getByTestId('control-fill-ktp').isDisabled()).toBe(true);
    expect(plannedControlWorks.all(await loadStoredDoc(server.storage, SCHOOL))).toHaveLength(planned.length);

    // YEAR-13: each row says where it came from; YEAR-6: the КТП's clashes show.
    const origins = await cw.getByTestId('control-origin').allInnerTexts();
    expect(origins.filter((o) => o === 'вручную')).toHaveLength(1);
    expect(origins).toContain(`по КТП: ${of5b.find((c) => c.subjectId === 'math' && c !== maths)!.title}`);
    const clash = controlWorkClashes(plannedControlWorks.all(await loadStoredDoc(server.storage, SCHOOL))).find((c) => c.classId === '5b')!;
    expect(clash).toBeDefined();
    await expect
      .poll(() => cw.getByTestId('control-clash').allInnerTexts())
      .toContainEqual(expect.stringContaining(`⚠ 5Б, ${ru(clash.date)}: ${clash.works.length} контрольн`));

    // The section is taller than the window: the shot shows its top, the fill, the warnings and the first rows.
    await cw.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await deputy.screenshot({ path: `${SHOTS}/e2e-control-works-ktp.png` });
    await deputy.context().close();
  });
});
