import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  listStudents,
  marksOf,
  pageLessons,
  readAbsence,
  schoolMoment,
  WHOLE_CLASS,
  type ClassId,
  type IsoDate,
  type LessonId,
  type Student,
  type SubjectId,
} from '../../model/index.ts';
import { loadStoredDoc } from '../helpers/demo-facts.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { chromiumAvailable, SHOTS, startScenario } from './browser.ts';
import { signIn, typeInCell } from './pages.ts';

const JOURNAL = 'journal/5b/2026';
/** The demo school keeps Moscow time (TIME-1); the browsers are put there too, so what they show is the school's time. */
const MSK = 180;
const CONTEXT = { viewport: { width: 1400, height: 1000 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };

const pending = (page: Page) => page.getByTestId('sync-status').getAttribute('data-pending');
const ruMoment = (ms: number) => {
  const d = new Date(ms + MSK * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

describe.runIf(chromiumAvailable())('when an entry was made, and whether on time (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let lesson: LessonId;
  let date: IsoDate;
  let onTime: Student;
  let late: Student;

  beforeAll(async () => {
    ({ server, browser } = await startScenario());
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const journal = await loadStoredDoc(server.storage, JOURNAL);
    // The scenario's "Monday": a lesson of the teacher's own, two to eight days ago, with two
    // students whose cells are empty. Where the calendar has none (before the year, after a
    // holiday, in the summer), the latest such lesson before (else the year's first) and the
    // server's clock moves to three days after it.
    const today = server.today();
    const own = pageLessons(school, journal, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS).filter((l) => l.substituteId === null);
    const students = listStudents(journal).filter((s) => s.enrolledOn === null && s.leftOn === null);
    const emptyOn = (id: LessonId) =>
      students.filter((s) => marksOf(journal, id, s.id).length === 0 && readAbsence(journal, id, s.id) === null);
    const recent = own.filter((l) => l.date > addDays(today, -8) && l.date < addDays(today, -2)).reverse();
    const before = own.filter((l) => l.date < today).reverse();
    const chosen = [...recent, ...before, ...own].find((l) => emptyOn(l.id).length >= 2);
    if (!chosen) throw new Error('The demo has no mathematics lesson of `teacher` in 5Б with two empty cells');
    if (!recent.includes(chosen)) server.clock.moveTo(schoolMoment(addDays(chosen.date, 3), '12:00', MSK));
    ({ id: lesson, date } = chosen);
    [onTime, late] = emptyOn(lesson);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('E2E-10: marks typed offline on Monday at 10:00 and 21:00, synced days later: dated Monday in the history; the deputy sees only the 21:00 one as late, by the device clock; a later deadline clears it', async () => {
    const teacherCtx = await browser.newContext(CONTEXT);
    const teacher = await signIn(teacherCtx, server.origin, 'teacher');
    await teacher.goto(`${server.origin}/#/journal/5b/math/all/${lesson}`);
    await teacher.getByTestId(`cell-${onTime.id}-${lesson}`).waitFor();
    await expect.poll(() => pending(teacher), { timeout: 30_000 }).toBe('0');

    // Offline, with the laptop's clock at Monday 10:00, then 21:00 (after the 19:00 deadline).
    await teacherCtx.setOffline(true);
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-online')).toBe('false');
    await teacher.clock.setSystemTime(new Date(schoolMoment(date, '10:00', MSK)));
    await typeInCell(teacher, `cell-${onTime.id}-${lesson}`, '5');
    await teacher.clock.setSystemTime(new Date(schoolMoment(date, '21:00', MSK)));
    await typeInCell(teacher, `cell-${late.id}-${lesson}`, '4');
    await expect.poll(() => pending(teacher)).toBe('2');

    // Days later (now), the network is back: the marks go up, with when they were typed.
    await teacher.clock.setSystemTime(new Date(server.clock.now()));
    await teacherCtx.setOffline(false);
    await expect.poll(() => pending(teacher), { timeout: 60_000 }).toBe('0');

    const cell = teacher.getByTestId(`cell-${onTime.id}-${lesson}`);
    const popover = teacher.getByTestId('history-popover');
    // Opened again while it is not showing the entry: on a busy machine a keystroke right after the
    // sync can land before the cell has focus, or the popover can ask before the row is readable.
    await expect
      .poll(
        async () => {
          const n = (await popover.isVisible()) ? await popover.getByTestId('history-entry').count() : 0;
          if (n !== 1) {
            await teacher.keyboard.press('Escape');
            await cell.click();
            await teacher.keyboard.press('Alt+KeyH');
          }
          return n;
        },
        { timeout: 60_000 },
      )
      .toBe(1);
    const device = await popover.getByTestId('history-device').innerText();
    expect(device).toContain(`Внесено без связи: ${ruMoment(schoolMoment(date, '10:00', MSK))}`);
    expect(device).toContain('сверенным с сервером');
    await teacher.screenshot({ path: `${SHOTS}/e2e-timeliness-cell-history.png` });

    // The deputy: home → «Несвоевременные записи» → 5Б.
    const deputyCtx = await browser.newContext(CONTEXT);
    const deputy = await signIn(deputyCtx, server.origin, 'deputy');
    await deputy.getByTestId('late-link').click();
    await deputy.getByTestId('corrections-page').waitFor();
    await deputy.getByTestId('corrections-class').selectOption(JOURNAL);
    const entries = deputy.getByTestId('history-entry');
    const lateOne = entries.filter({ hasText: late.name });
    await expect.poll(() => lateOne.count(), { timeout: 30_000 }).toBe(1);
    expect(await entries.filter({ hasText: onTime.name }).count()).toBe(0);
    const note = await lateOne.getByTestId('history-late').innerText();
    expect(note).toContain(`Срок — ${ruMoment(schoolMoment(date, '19:00', MSK))} (в день урока)`);
    expect(note).toContain(`внесено ${ruMoment(schoolMoment(date, '21:00', MSK))} по часам устройства`);
    expect(note).toContain('опоздание 2 ч');
    await deputy.getByTestId('deadline-settings').locator('summary').click();
    await deputy.screenshot({ path: `${SHOTS}/e2e-timeliness-late-entries.png`, fullPage: true });

    // The school moves the day's deadline to 22:00: the entry is on time after all.
    await deputy.getByTestId('deadline-day-ends').fill('22:00');
    await deputy.getByTestId('deadline-day-ends').dispatchEvent('change');
    await expect.poll(() => lateOne.count(), { timeout: 45_000 }).toBe(0);
    expect(await deputy.getByTestId('corrections-empty').innerText()).toContain('не найдено');
    await teacherCtx.close();
    await deputyCtx.close();
  });
});
