import { describe, expect, it } from 'vitest';
import { listStudents } from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

const CONTEXT = { viewport: { width: 1300, height: 1000 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };

describe.runIf(chromiumAvailable())('parents’ contacts by hand (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('E2E-24: the class teacher of 5Б gives a student’s parent a phone on the codes page, sees it after a reload; a bad phone shows the server’s error', async () => {
    const { server, browser } = scene;
    const student = listStudents(await loadStoredDoc(server.storage, 'journal/5b/2026'))[0];
    const page = await signIn(await browser.newContext(CONTEXT), server.origin, 'classteacher');
    await page.goto(`${server.origin}/#/class-codes/5b`);
    const open = async () => {
      await page.getByTestId(`personal-open-${student.id}`).click();
      const panel = page.getByTestId(`personal-${student.id}`);
      await panel.getByTestId('personal-save').waitFor();
      return panel;
    };

    let panel = await open();
    await panel.getByTestId('personal-birth').fill('2015-03-08');
    await panel.getByTestId('personal-add-parent').click();
    const parent = panel.getByTestId('personal-parent-0');
    await parent.getByTestId('parent-name').fill('Петрова Анна Сергеевна');
    await parent.getByTestId('parent-phone').fill('8 (912) 345-67-89');
    await panel.getByTestId('personal-save').click();
    await panel.getByTestId('personal-saved').waitFor();
    // The server writes the phone one way, and the panel shows its copy.
    await expect.poll(() => parent.getByTestId('parent-phone').inputValue()).toBe('+7 912 345-67-89');
    expect((await server.storage.listStudentPersonal({ classId: '5b' })).find((r) => r.studentId === student.id)).toEqual({
      classId: '5b',
      studentId: student.id,
      birthDate: '2015-03-08',
      parents: [{ name: 'Петрова Анна Сергеевна', phone: '+7 912 345-67-89', email: '' }],
    });

    await page.reload();
    panel = await open();
    await expect.poll(() => panel.getByTestId('parent-phone').inputValue()).toBe('+7 912 345-67-89');
    expect(await panel.getByTestId('personal-birth').inputValue()).toBe('2015-03-08');

    await panel.getByTestId('parent-phone').fill('12-34');
    await panel.getByTestId('personal-save').click();
    await expect.poll(() => panel.getByTestId('personal-error').innerText()).toContain('телефон «12-34»');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/e2e-personal-contacts.png` });
    const stored = (await server.storage.listStudentPersonal({ classId: '5b' })).find((r) => r.studentId === student.id);
    expect(stored?.parents[0].phone).toBe('+7 912 345-67-89');
  });
});
