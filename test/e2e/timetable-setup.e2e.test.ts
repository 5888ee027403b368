import { describe, expect, it } from 'vitest';
import { pageLessons, periodAt, rooms, timetableEntries, weekday, WHOLE_CLASS, type ClassId, type SubjectId } from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

const CONTEXT = { viewport: { width: 1400, height: 1100 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };
const SCHOOL = 'school/demo/2026';
const CLASH = 'Смирнова О. П. в субботу на 1-м уроке уже ведёт урок: 5Б, «Математика».';

describe.runIf(chromiumAvailable())('rooms and the weekly timetable (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('E2E-19: the deputy adds a room and a Saturday maths lesson to 5Б (the open journal gains its lessons live); a teacher clash in 10А is refused with its reason', async () => {
    const { server, browser } = scene;
    // The demo has no Saturday lessons: 5Б's maths on Saturday, 1st lesson, falls on the running
    // quarter's remaining Saturdays (PAGE-1).
    const today = scene.server.today();
    const school = await loadStoredDoc(server.storage, SCHOOL);
    const quarter = periodAt(school, 5, today)![1];
    expect(timetableEntries(school).some((e) => e.weekday === 6)).toBe(false);

    const teacherCtx = await browser.newContext(CONTEXT);
    const teacher = await signIn(teacherCtx, server.origin, 'teacher');
    await teacher.goto(`${server.origin}/#/journal/5b/math/all`);
    await teacher.getByTestId('journal-grid').waitFor({ timeout: 30_000 });

    const deputyCtx = await browser.newContext(CONTEXT);
    const deputy = await signIn(deputyCtx, server.origin, 'deputy');
    await deputy.goto(`${server.origin}/#/year/timetable`);

    // SETUP-10: a room joins the list; the same room again is refused.
    const roomsSection = deputy.getByTestId('year-rooms');
    await roomsSection.waitFor();
    for (let i = 0; i < 2; i++) {
      await roomsSection.getByTestId('room-new-key').fill('42');
      await roomsSection.getByTestId('room-new-name').fill('Кабинет математики');
      await roomsSection.getByTestId('room-new-seats').fill('30');
      await roomsSection.getByTestId('room-add').click();
    }
    await expect.poll(() => deputy.getByTestId('room-problems').innerText()).toContain('Кабинет «42» уже есть в списке.');
    await expect
      .poll(async () => rooms.get(await loadStoredDoc(server.storage, SCHOOL), '42'), { timeout: 30_000 })
      .toEqual({ name: 'Кабинет математики', seats: 30 });

    // A lesson for 5Б: the subject from its load, the teacher the load's, the room from the list.
    const tt = deputy.getByTestId('year-timetable');
    await tt.getByTestId('tt-class').selectOption('5b');
    await tt.getByTestId('tt-add-6-1').click();
    await tt.getByTestId('tt-form-lesson').selectOption(`math:${WHOLE_CLASS}`);
    await expect.poll(() => tt.getByTestId('tt-form-teacher').inputValue()).toBe('u-teacher');
    await tt.getByTestId('tt-form-room').fill('42');
    await tt.getByTestId('tt-form-save').click();
    await expect.poll(() => tt.getByTestId('tt-entry-6-1-math-all').innerText()).toBe('Математика\nСмирнова О. П. · каб. 42');
    await expect.poll(() => tt.getByTestId('tt-form').count()).toBe(0);

    // SETUP-14: the same teacher at the same time in 10А is refused, with its reason; nothing is written.
    await tt.getByTestId('tt-class').selectOption('10a');
    await tt.getByTestId('tt-add-6-1').click();
    await tt.getByTestId('tt-form-lesson').selectOption(`alg:${WHOLE_CLASS}`);
    await tt.getByTestId('tt-form-room').fill('22');
    await tt.getByTestId('tt-form-save').click();
    await expect.poll(() => tt.getByTestId('tt-problems').innerText()).toContain(CLASH);
    await tt.getByTestId('tt-form').screenshot({ path: `${SHOTS}/e2e-timetable-clash.png` });
    expect(await tt.getByTestId('tt-cell-6-1').innerText()).toBe('+');

    // The server stored the 5Б lesson and nothing of 10А's refused one.
    await expect
      .poll(
        async () =>
          timetableEntries(await loadStoredDoc(server.storage, SCHOOL))
            .filter((e) => e.weekday === 6)
            .map((e) => [e.classId, e.slot, e.subjectId, e.groupId, e.teacherId, e.room]),
        { timeout: 30_000 },
      )
      .toEqual([['5b', 1, 'math', 'all', 'u-teacher', '42']]);

    // PAGE-1: the maths teacher's open 5Б page gains the quarter's remaining Saturdays, live.
    const stored = await loadStoredDoc(server.storage, SCHOOL);
    const saturdays = pageLessons(stored, null, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS).filter(
      (l) => weekday(l.date) === 6 && l.date > today && l.date <= quarter.endsOn,
    );
    expect(saturdays.length).toBeGreaterThan(0);
    for (const l of saturdays) await expect.poll(() => teacher.getByTestId(`lesson-${l.id}`).count(), { timeout: 30_000 }).toBe(1);

    await tt.getByTestId('tt-form-cancel').click();
    // The same lesson in the teacher's week and in the room's week (read-only).
    await tt.getByTestId('tt-view').selectOption('teacher');
    await tt.getByTestId('tt-teacher').selectOption('u-teacher');
    await expect.poll(() => tt.getByTestId('tt-teacher-grid').getByTestId('tt-cell-6-1').innerText()).toBe('5Б · Математика\nкаб. 42');
    await tt.getByTestId('tt-view').selectOption('room');
    await tt.getByTestId('tt-room').selectOption('42');
    await expect.poll(() => tt.getByTestId('tt-room-grid').getByTestId('tt-cell-6-1').innerText()).toBe('5Б · Математика\nСмирнова О. П.');
    await tt.getByTestId('tt-view').selectOption('class');
    await tt.getByTestId('tt-class').selectOption('5b');
    await deputy.screenshot({ path: `${SHOTS}/e2e-timetable-5b.png`, fullPage: true });
    await tt.getByTestId('tt-hours').screenshot({ path: `${SHOTS}/e2e-timetable-hours.png` });
    await roomsSection.screenshot({ path: `${SHOTS}/e2e-timetable-rooms.png` });
    await teacherCtx.close();
    await deputyCtx.close();
  });
});
