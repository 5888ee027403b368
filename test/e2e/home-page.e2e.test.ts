import { describe, expect, it } from 'vitest';
import { readSchoolMeta, weekday, type UserId } from '../../model/index.ts';
import { isSchoolDay, nearestDayWithLessons, teacherLessonsOn } from '../../client/features/home/teacher-day.ts';
import { formatLongDate } from '../../client/i18n/format.ts';
import { loadStoredDoc } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

const CONTEXT = { viewport: { width: 1400, height: 1000 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };

/**
 * The teacher's home page on whatever day the clock reads (the dated check pins it to Sundays,
 * holidays, the eve of the year, the summer): it opens on the server's today, shows that day's
 * lessons, or says why there are none and offers the nearest school day.
 */
describe.runIf(chromiumAvailable())('the teacher’s home page, today (Chromium)', () => {
  const scene = useScenario();

  it('E2E-25, SUB-5: the home page opens on today; a school day lists its lessons, a free day says why and shows the nearest school day', async () => {
    const { server, browser } = scene;
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const teacher = 'u-teacher' as UserId;
    const today = server.today();
    const lessons = teacherLessonsOn(school, teacher, today);

    const ctx = await browser.newContext(CONTEXT);
    const page = await signIn(ctx, server.origin, 'teacher');
    const day = page.locator('section.day');
    await expect.poll(() => day.locator('h2').innerText(), { timeout: 30_000 }).toBe(`Уроки · ${formatLongDate(today)}`);
    if (lessons.length > 0) {
      const list = day.getByTestId('day-lessons').first();
      await expect.poll(() => list.locator('li').count()).toBe(lessons.length);
      for (const l of lessons) expect(await list.getByTestId(`day-lesson-${l.lessonId}`).count()).toBe(1);
    } else {
      const meta = readSchoolMeta(school)!;
      const reason =
        today < meta.startsOn || today > meta.endsOn
          ? 'Этот день вне учебного года.'
          : weekday(today) >= 6
            ? 'Выходной день — уроков нет.'
            : !isSchoolDay(school, today)
              ? 'Каникулы или праздник — уроков нет.'
              : 'В этот день у вас нет уроков.';
      expect(await day.locator('p.muted').innerText()).toBe(reason);
      const nearest = nearestDayWithLessons(school, teacher, today);
      if (nearest) {
        await expect.poll(() => day.locator('.nearest h3').innerText()).toBe(`Ближайший учебный день: ${formatLongDate(nearest)}`);
        for (const l of teacherLessonsOn(school, teacher, nearest)) {
          expect(await day.locator('.nearest').getByTestId(`day-lesson-${l.lessonId}`).count()).toBe(1);
        }
      } else {
        expect(await day.locator('.nearest').count()).toBe(0);
      }
    }
    await page.screenshot({ path: `${SHOTS}/e2e-home-today.png` });
    await ctx.close();
  });
});
