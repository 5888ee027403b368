import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  listStudents,
  marksOf,
  pageLessons,
  periodAt,
  WHOLE_CLASS,
  type ClassId,
  type Student,
  type SubjectId,
} from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn, typeInCell } from './pages.ts';

const CONTEXT = { viewport: { width: 1500, height: 1000 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };
const pending = (page: Page) => page.getByTestId('sync-status').getAttribute('data-pending');

/**
 * Student movement on the demo's lived-in school: a transfer mid-quarter needs marks before it,
 * so the scenario runs on the fixture day, whatever the date (the substitutions of the same pages
 * are in replanning.e2e.test.ts, on today's date).
 */
describe.runIf(chromiumAvailable())('student movement (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('E2E-15: the administrator transfers a 5Б student to 10А mid-quarter; 5Б shows them up to the day before, 10А from that day, with no marks before', async () => {
    const { server, browser } = scene;
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const journal = await loadStoredDoc(server.storage, 'journal/5b/2026');
    const today = scene.server.today();
    const [, quarter] = periodAt(school, 5, today)!;
    const held = pageLessons(school, journal, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS).filter(
      (l) => l.date > quarter.startsOn && l.date <= today,
    );
    const date = held[Math.floor(held.length / 2)].date;
    // A student who has a mark in the quarter before that date (it must stay on 5Б's page).
    const markedBefore = (s: Student) => held.filter((l) => l.date < date && marksOf(journal, l.id, s.id).length > 0).at(-1);
    const student: Student = listStudents(journal).find((s) => s.enrolledOn === null && s.leftOn === null && markedBefore(s))!;
    const lessonBefore = markedBefore(student)!;

    const adminCtx = await browser.newContext(CONTEXT);
    const admin = await signIn(adminCtx, server.origin, 'admin');
    await admin.getByTestId('admin-link').click();
    await admin.getByTestId('students-link').click();
    await admin.getByTestId('students-class').selectOption('5b');
    await admin.getByTestId(`roster-row-${student.id}`).click();
    await admin.getByTestId('action-transfer').click();
    await admin.getByTestId('transfer-class').selectOption('10a');
    await admin.getByTestId('transfer-date').fill(date);
    const ddmm = `${date.slice(8, 10)}.${date.slice(5, 7)}`;
    await admin.screenshot({ path: `${SHOTS}/e2e-transfer-form.png` });
    await admin.getByTestId('transfer-submit').click();
    await expect.poll(() => admin.getByTestId('movement-saved').innerText(), { timeout: 30_000 }).toContain('переведён(а) в 10А');
    // The old journal, open on the administrator's device, has the departure from the server at once.
    await expect.poll(() => admin.getByTestId(`roster-state-${student.id}`).innerText(), { timeout: 15_000 }).toBe(`выбыл(а) ${ddmm}`);
    await admin.screenshot({ path: `${SHOTS}/e2e-transfer-5b.png` });
    await admin.getByTestId('students-class').selectOption('10a');
    await expect.poll(() => admin.getByTestId(`roster-state-${student.id}`).innerText(), { timeout: 30_000 }).toBe(`прибыл(а) ${ddmm}`);
    await admin.screenshot({ path: `${SHOTS}/e2e-transfer-10a.png` });

    // 5Б's mathematics page: the student keeps the marks before the date; from the date their cells are off the page.
    const teacherCtx = await browser.newContext(CONTEXT);
    const teacher = await signIn(teacherCtx, server.origin, 'teacher');
    const lessonFrom = held.find((l) => l.date >= date)!;
    await teacher.goto(`${server.origin}/#/journal/5b/math/all/${lessonFrom.id}`);
    const before = teacher.getByTestId(`cell-${student.id}-${lessonBefore.id}`);
    const after = teacher.getByTestId(`cell-${student.id}-${lessonFrom.id}`);
    await after.waitFor({ timeout: 30_000 });
    expect(await after.getAttribute('class')).toContain('out');
    expect(await after.getAttribute('contenteditable')).toBeNull();
    expect((await before.getAttribute('class')) ?? '').not.toContain('out');
    expect(await before.innerText()).not.toBe('');
    await teacher.screenshot({ path: `${SHOTS}/e2e-transfer-5b-journal.png` });

    // 10А's algebra page (the same teacher): the student is listed, with nothing before the date and writable from it.
    const algebra = pageLessons(school, null, '10a' as ClassId, 'alg' as SubjectId, WHOLE_CLASS);
    const algBefore = algebra.filter((l) => l.date < date).at(-1)!;
    const algFrom = algebra.find((l) => l.date >= date)!;
    await teacher.goto(`${server.origin}/#/journal/10a/alg/all/${algFrom.id}`);
    const newCell = teacher.getByTestId(`cell-${student.id}-${algFrom.id}`);
    await newCell.waitFor({ timeout: 30_000 });
    expect(await newCell.getAttribute('contenteditable')).toBe('true');
    const oldCell = teacher.getByTestId(`cell-${student.id}-${algBefore.id}`);
    if ((await oldCell.count()) > 0) {
      expect(await oldCell.getAttribute('class')).toContain('out');
      expect(await oldCell.innerText()).toBe('');
    }
    await typeInCell(teacher, `cell-${student.id}-${algFrom.id}`, '4');
    await expect.poll(() => newCell.innerText()).toBe('4');
    await expect.poll(() => pending(teacher), { timeout: 30_000 }).toBe('0');
    await teacher.screenshot({ path: `${SHOTS}/e2e-transfer-10a-journal.png` });
    for (const c of [adminCtx, teacherCtx]) await c.close();
  });

  it('E2E-15: on the same page the administrator enrolls a student, records a departure, and moves a student to the other English group only from the day after a quarter’s end', async () => {
    const { server, browser } = scene;
    const journal = await loadStoredDoc(server.storage, 'journal/5b/2026');
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const [, quarter] = periodAt(school, 5, scene.server.today())!;
    const boundary = addDays(quarter.endsOn, 1);
    const roster = listStudents(journal).filter((s) => s.enrolledOn === null && s.leftOn === null);
    const inEn1 = roster.find((s) => s.groups.includes('5b-en1' as never))!;
    const leaving = roster.at(-1)!;
    const ddmm = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}`;

    const ctx = await browser.newContext(CONTEXT);
    const admin = await signIn(ctx, server.origin, 'admin');
    await admin.goto(`${server.origin}/#/students?class=5b`);
    await admin.getByTestId(`roster-row-${inEn1.id}`).waitFor({ timeout: 30_000 });

    // «Перевести в группу»: a date inside the quarter is refused, naming the allowed days; the day after its end is accepted.
    await admin.getByTestId(`roster-row-${inEn1.id}`).click();
    await admin.getByTestId('action-group').click();
    await admin.getByTestId('group-target').selectOption({ label: 'Иностранный язык (английский): Английский язык, 2 группа' });
    await admin.getByTestId('group-date').fill(addDays(quarter.endsOn, -3));
    await expect
      .poll(() => admin.getByTestId('group-reason').innerText())
      .toMatch(/^Перевести в другую группу можно только с первого дня после окончания учебного периода: /);
    expect(await admin.getByTestId('group-submit').isDisabled()).toBe(true);
    await admin.screenshot({ path: `${SHOTS}/e2e-group-refused.png` });
    await admin.getByTestId('group-date').fill(boundary);
    await expect.poll(() => admin.getByTestId('group-reason').count()).toBe(0);
    await admin.getByTestId('group-submit').click();
    await expect.poll(() => admin.getByTestId('movement-saved').innerText()).toContain(`Английский язык, 2 группа с ${ddmm(boundary)}`);
    // The roster keeps today's group and shows the change from the date on.
    await expect
      .poll(() => admin.getByTestId(`roster-state-${inEn1.id}`).innerText())
      .toBe(`с ${ddmm(boundary)}: Английский язык, 2 группа`);

    // «Отчислить (выбыл)».
    await admin.getByTestId(`roster-row-${leaving.id}`).click();
    await admin.getByTestId('action-depart').click();
    await admin.getByTestId('depart-date').fill(boundary);
    await admin.getByTestId('depart-submit').click();
    await expect.poll(() => admin.getByTestId(`roster-state-${leaving.id}`).innerText()).toBe(`выбыл(а) ${ddmm(boundary)}`);

    // «Зачислить»: the new student is on the roster from the date.
    await admin.locator('details.arrival summary').click();
    await admin.getByTestId('arrival-name').fill('Новенький Пётр Сергеевич');
    await admin.getByTestId('arrival-date').fill(boundary);
    await admin.getByTestId('arrival-submit').click();
    await expect.poll(() => admin.getByTestId('movement-roster').innerText()).toContain('Новенький Пётр Сергеевич');
    await expect.poll(() => pending(admin), { timeout: 30_000 }).toBe('0');
    await admin.screenshot({ path: `${SHOTS}/e2e-movement-roster.png`, fullPage: true });

    const stored = listStudents(await loadStoredDoc(server.storage, 'journal/5b/2026'));
    expect(stored.find((s) => s.id === inEn1.id)).toMatchObject({
      groups: ['5b-en2'],
      groupHistory: [{ until: boundary, groups: ['5b-en1'] }],
    });
    expect(stored.find((s) => s.id === leaving.id)?.leftOn).toBe(boundary);
    expect(stored.find((s) => s.name === 'Новенький Пётр Сергеевич')).toMatchObject({ enrolledOn: boundary, leftOn: null });
    await ctx.close();
  });
});
