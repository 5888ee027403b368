import { describe, expect, it } from 'vitest';
import {
  listStudents,
  marksOf,
  pageLessons,
  staff,
  subjects,
  WHOLE_CLASS,
  type ClassId,
  type LessonId,
  type SubjectId,
} from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { cellText, signIn, typeInCell } from './pages.ts';

const CONTEXT = { viewport: { width: 1400, height: 1000 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };
const SCHOOL = 'school/demo/2026';
const J5B = 'journal/5b/2026';

describe.runIf(chromiumAvailable())('staff and marking systems on «Учебный год» (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('E2E-22: the administrator adds a teacher (code shown, the deputy sees them live); the maths teacher is not removed; music in grade 5 becomes «зачёт» and the open 5Б music page takes «зч», not «5»', async () => {
    const { server, browser } = scene;
    const deputyCtx = await browser.newContext(CONTEXT);
    const deputy = await signIn(deputyCtx, server.origin, 'deputy');
    await deputy.goto(`${server.origin}/#/year/staff`);
    await deputy.getByTestId('year-staff').waitFor();

    // SETUP-32: the account and the staff record at once, with the code to hand over.
    const adminCtx = await browser.newContext(CONTEXT);
    const admin = await signIn(adminCtx, server.origin, 'admin');
    await admin.goto(`${server.origin}/#/year/staff`);
    await admin.getByTestId('staff-new-name').fill('Зайцева Анна Олеговна');
    await admin.getByTestId('staff-new-role').selectOption('teacher');
    await admin.getByTestId('staff-new-submit').click();
    await expect.poll(() => admin.getByTestId('issued-code-value').innerText(), { timeout: 30_000 }).toMatch(/\w{5}-\w{5}/);
    await admin.getByTestId('year-staff').screenshot({ path: `${SHOTS}/e2e-staff-added.png` });
    const names = () =>
      deputy
        .getByTestId('year-staff')
        .locator('input.wide')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    await expect.poll(names, { timeout: 30_000 }).toContain('Зайцева Анна Олеговна');
    const added = staff.all(await loadStoredDoc(server.storage, SCHOOL)).find(([, s]) => s.name === 'Зайцева Анна Олеговна');
    expect(added?.[1].short).toBe('Зайцева А. О.');

    // SETUP-31: a teacher with load and lessons stays, with the reason.
    await deputy.getByTestId('staff-remove-u-teacher').click();
    await expect.poll(() => deputy.getByTestId('staff-problems').innerText()).toContain('нагрузка');
    expect(staff.get(await loadStoredDoc(server.storage, SCHOOL), 'u-teacher')).toBeDefined();

    // The music teacher has 5Б's music page open on a lesson already given with a free cell.
    const [school, journal] = [await loadStoredDoc(server.storage, SCHOOL), await loadStoredDoc(server.storage, J5B)];
    const lesson = pageLessons(school, journal, '5b' as ClassId, 'music' as SubjectId, WHOLE_CLASS)
      .filter((l) => l.date <= scene.server.today() && l.date >= '2026-11-05')
      .at(-1)!;
    const marks = journal.getMap('marks');
    const pupil = listStudents(journal).find((s) => ![0, 1, 2, 3].some((n) => marks.has(`${lesson.id}:${s.id}:${n}`)))!;
    const artsCtx = await browser.newContext(CONTEXT);
    const arts = await signIn(artsCtx, server.origin, 'arts');
    await arts.goto(`${server.origin}/#/journal/5b/music/all/${lesson.id}`);
    const cell = `cell-${pupil.id}-${lesson.id}`;
    await arts.getByTestId(cell).waitFor({ timeout: 30_000 });

    // YEAR-10: the deputy marks music «зачёт / незачёт» in grade 5 only.
    await deputy.goto(`${server.origin}/#/year`);
    const marking = deputy.getByTestId('year-marking');
    await marking.getByTestId('marking-new-subject').selectOption('music');
    await marking.getByTestId('marking-new-grade').selectOption('5');
    await marking.getByTestId('marking-new-system').selectOption('passfail');
    await marking.getByTestId('marking-add').click();
    await expect.poll(() => marking.getByTestId('marking-music-5').innerText()).toContain('зачёт / незачёт');
    await expect
      .poll(async () => subjects.get(await loadStoredDoc(server.storage, SCHOOL), 'music')?.markingByGrade, { timeout: 30_000 })
      .toEqual({ '5': 'passfail' });
    await marking.screenshot({ path: `${SHOTS}/e2e-marking-by-grade.png` });

    // The open page follows live: a digit is no mark there any more, «зч» is.
    await typeInCell(arts, cell, '5');
    await expect.poll(() => cellText(arts, cell)).not.toContain('5');
    await typeInCell(arts, cell, 'зч');
    await expect.poll(() => cellText(arts, cell), { timeout: 30_000 }).toContain('зч');
    await expect
      .poll(async () => marksOf(await loadStoredDoc(server.storage, J5B), lesson.id as LessonId, pupil.id).map((m) => m.value), {
        timeout: 30_000,
      })
      .toEqual(['P']);
    await arts.screenshot({ path: `${SHOTS}/e2e-marking-journal.png` });
    await Promise.all([deputyCtx.close(), adminCtx.close(), artsCtx.close()]);
  });
});
