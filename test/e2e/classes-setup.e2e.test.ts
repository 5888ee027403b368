import { describe, expect, it } from 'vitest';
import { allAssignments, classes, groups } from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

const CONTEXT = { viewport: { width: 1400, height: 1000 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };
const SCHOOL = 'school/demo/2026';

describe.runIf(chromiumAvailable())('classes, groups and the teaching load (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });
  const stored = () => loadStoredDoc(scene.server.storage, SCHOOL);

  it('E2E-18: the deputy adds 7В (a second «7в» is refused with its reason), a group and its load; the maths teacher opens 7В’s journal', async () => {
    const { server, browser } = scene;
    const deputyCtx = await browser.newContext(CONTEXT);
    const deputy = await signIn(deputyCtx, server.origin, 'deputy');
    await deputy.goto(`${server.origin}/#/year/classes`);
    const cls = deputy.getByTestId('year-classes');
    await cls.waitFor();

    // SETUP-1, SETUP-3: the grade comes from the name, the id from the name in Latin letters.
    await cls.getByTestId('class-new-name').fill('7В');
    await expect.poll(() => cls.getByTestId('class-new-grade').inputValue()).toBe('7');
    await cls.getByTestId('class-add').click();
    await cls.getByTestId('class-7v').waitFor();
    await cls.getByTestId('class-new-name').fill('7в');
    await cls.getByTestId('class-add').click();
    await expect.poll(() => cls.getByTestId('class-problems').innerText()).toContain('Класс «7В» уже есть в школе.');

    // SETUP-5: English for 7В in a group.
    const grp = deputy.getByTestId('year-groups');
    await grp.getByTestId('group-new-class').selectOption('7v');
    await grp.getByTestId('group-new-subject').selectOption('eng');
    await grp.getByTestId('group-new-name').fill('1 группа');
    await grp.getByTestId('group-add').click();
    await grp.getByTestId('group-7v-eng-1').waitFor();
    await expect.poll(() => deputy.getByTestId('group-problems').count()).toBe(0);
    await deputy.getByTestId('year-classes-tab').screenshot({ path: `${SHOTS}/e2e-classes-tab.png` });

    // SETUP-7: the load of 7В: no curriculum hours for grade 7 in the demo, so the subjects are added by hand.
    await deputy.goto(`${server.origin}/#/year/load`);
    await deputy.getByTestId('load-class').selectOption('7v');
    await deputy.getByTestId('load-add-subject').selectOption('math');
    await deputy.getByTestId('load-teacher-math-all').selectOption('u-teacher');
    await deputy.getByTestId('load-add-subject').selectOption('eng');
    await deputy.getByTestId('load-teacher-eng-7v-eng-1').selectOption('u-english1');
    await deputy.getByTestId('load-summary-u-teacher').waitFor();
    await expect.poll(() => deputy.getByTestId('load-summary-u-teacher').innerText()).toContain('7В');
    await deputy.getByTestId('year-load').screenshot({ path: `${SHOTS}/e2e-load-tab.png` });

    // What the server stored: the class (once), its group and its load.
    await expect.poll(async () => allAssignments(await stored()).filter((a) => a.classId === '7v').length, { timeout: 30_000 }).toBe(2);
    const school = await stored();
    expect(classes.get(school, '7v')).toEqual({ name: '7В', grade: 7, classTeacherId: null });
    expect(classes.all(school).filter(([, c]) => c.name.toLowerCase() === '7в')).toHaveLength(1);
    expect(groups.get(school, '7v-eng-1')).toEqual({ classId: '7v', subjectId: 'eng', name: '1 группа' });
    expect(allAssignments(school).filter((a) => a.classId === '7v')).toEqual(
      expect.arrayContaining([
        { classId: '7v', subjectId: 'math', groupId: 'all', teacherId: 'u-teacher' },
        { classId: '7v', subjectId: 'eng', groupId: '7v-eng-1', teacherId: 'u-english1' },
      ]),
    );

    // The maths teacher now has 7В's journal (ACC-1, SETUP-3).
    const teacherCtx = await browser.newContext(CONTEXT);
    const teacher = await signIn(teacherCtx, server.origin, 'teacher');
    await teacher.goto(`${server.origin}/#/journal/7v/math/all`);
    await expect.poll(() => teacher.getByTestId('journal-title').innerText(), { timeout: 45_000 }).toContain('7В · Математика');
    await teacherCtx.close();
    await deputyCtx.close();
  });
});
