import { describe, expect, it } from 'vitest';
import { groups, listStudents, pageLessons, WHOLE_CLASS, type ClassId, type SubjectId } from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

const CONTEXT = { viewport: { width: 1400, height: 1100 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };
const SCHOOL = 'school/demo/2026';
const J5B = 'journal/5b/2026';

describe.runIf(chromiumAvailable())('individual study plans (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('E2E-21: the deputy puts a 5Б student on an ИУП (maths alone, no music); the journal and the school year store it, and the maths teacher’s open page drops the student from the plan’s first day', async () => {
    const { server, browser } = scene;
    const today = scene.server.today();
    const student = (await mathPage(server.storage, server.today())).students[0];
    const lessons = pageLessons(
      await loadStoredDoc(server.storage, SCHOOL),
      await loadStoredDoc(server.storage, J5B),
      '5b' as ClassId,
      'math' as SubjectId,
      WHOLE_CLASS,
    );
    // The plan starts on the next maths lesson after today, inside the running quarter.
    const since = lessons.find((l) => l.date > today && l.date <= '2026-12-28')!.date;
    const after = lessons.find((l) => l.date >= since)!;
    const before = lessons.filter((l) => l.date <= today).at(-1)!;
    const cell = (l: { id: string }) => `cell-${student.id}-${l.id}`;
    const classOf = async (l: { id: string }) => (await teacher.getByTestId(cell(l)).getAttribute('class')) ?? '';

    const teacherCtx = await browser.newContext(CONTEXT);
    const teacher = await signIn(teacherCtx, server.origin, 'teacher');
    await teacher.goto(`${server.origin}/#/journal/5b/math/all`);
    await teacher.getByTestId(cell(after)).waitFor({ timeout: 30_000 });
    expect(await classOf(after)).not.toContain('out');

    const deputyCtx = await browser.newContext(CONTEXT);
    const deputy = await signIn(deputyCtx, server.origin, 'deputy');
    await deputy.goto(`${server.origin}/#/year/iup`);
    await deputy.getByTestId('iup-class').selectOption('5b');
    await deputy.getByTestId(`iup-student-${student.id}`).click();
    const form = deputy.getByTestId('iup-form');
    await form.getByTestId('iup-since').fill(since);
    await form.getByTestId('iup-basis').fill('Приказ № 112 от 30.11.2026, заявление родителей');
    await form.getByTestId('iup-mode-math').selectOption('individual');
    // IUP-7: the group of one is made at once; its teacher is named on «Нагрузка».
    await form.getByTestId('iup-load-link-math').waitFor();
    expect(await form.getByTestId('iup-load-link-math').getAttribute('href')).toBe('#/year/load');
    await form.getByTestId('iup-mode-music').selectOption('exempt');
    await form.screenshot({ path: `${SHOTS}/e2e-iup-form.png` });
    await expect.poll(() => form.getByTestId('iup-save').isEnabled(), { timeout: 30_000 }).toBe(true);
    await form.getByTestId('iup-save').click();
    await expect.poll(() => deputy.getByTestId('iup-saved').innerText()).toContain('ИУП сохранён');

    // The stored journal has the plan, the school year the group of one.
    await expect
      .poll(async () => listStudents(await loadStoredDoc(server.storage, J5B)).find((s) => s.id === student.id)?.iup, { timeout: 30_000 })
      .toMatchObject({ since, until: null, subjects: { music: 'exempt', math: expect.any(String) } });
    const plan = listStudents(await loadStoredDoc(server.storage, J5B)).find((s) => s.id === student.id)!.iup!;
    const groupId = plan.subjects.math;
    expect(groups.get(await loadStoredDoc(server.storage, SCHOOL), groupId)).toMatchObject({
      classId: '5b',
      subjectId: 'math',
      iupStudentId: student.id,
    });

    // IUP-2, live: the teacher's open page has the student off the page from `since`, with the earlier lessons kept.
    await expect.poll(() => classOf(after), { timeout: 30_000 }).toContain('out');
    expect(await classOf(before)).not.toContain('out');

    // IUP-9: the school's list names the plan, its subjects and that the teacher is still to be named.
    const row = deputy.getByTestId(`iup-list-${student.id}`);
    await expect.poll(() => row.innerText()).toContain('Математика — индивидуально, учитель не назначен');
    expect(await row.innerText()).toContain('Музыка — не изучает');
    // REP-16: the same list from the server's stored journals, printable.
    const href = await deputy.getByTestId('iup-list-xlsx').getAttribute('href');
    await expect
      .poll(
        async () => {
          const json = await deputyCtx.request.get(`${server.origin}${href!.replace('format=xlsx', 'format=json')}`);
          return JSON.stringify(await json.json());
        },
        { timeout: 30_000 },
      )
      .toContain('Музыка — не изучает');
    const pdf = await deputyCtx.request.get(`${server.origin}/api/reports/iup-list?format=pdf`);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await deputy.getByTestId('year-iup').screenshot({ path: `${SHOTS}/e2e-iup-tab.png` });
    await teacherCtx.close();
    await deputyCtx.close();
  });
});
