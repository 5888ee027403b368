import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, pageLessons, WHOLE_CLASS, type ClassId, type LessonId, type SubjectId } from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';
import { chromiumAvailable, SHOTS, startScenario } from './browser.ts';
import { signIn } from './pages.ts';

const JOURNAL = 'journal/5b/2026';
const ROW = '5b:math:all';
const CONTEXT = { viewport: { width: 1400, height: 1000 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };
const pending = (page: Page) => page.getByTestId('sync-status').getAttribute('data-pending');

/** Writes through a sync client and waits until the server has it on disk. */
async function write(c: TestClient, fn: () => void): Promise<void> {
  const n = c.acks.length;
  c.doc.transact(fn);
  await waitFor(() => expect(c.acks.length).toBeGreaterThan(n));
  expect(c.rejects).toEqual([]);
}

describe.runIf(chromiumAvailable())('the deputy’s monitoring and remarks (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let forgotten: LessonId;

  beforeAll(async () => {
    ({ server, browser } = await startScenario({ at: DEMO_FIXTURE_DAY }));
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const journal = await loadStoredDoc(server.storage, JOURNAL);
    const today = server.today();
    // The teacher's own lesson of last week whose topic she "forgot": removed through sync.
    const past = pageLessons(school, journal, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS).filter(
      (l) => l.substituteId === null && l.date < addDays(today, -1) && l.date >= addDays(today, -8),
    );
    expect(past.length).toBeGreaterThan(0);
    forgotten = past.at(-1)!.id;
    const teacher = connectClient(server, JOURNAL, await server.login('teacher'), { ext: true });
    await synced(teacher);
    await write(teacher, () => teacher.doc.getMap('lessons').set(`${forgotten}:topic`, ''));
    teacher.destroy();
    // An older remark on Russian (not the maths teacher's page), past its deadline: overdue.
    const deputy = connectClient(server, JOURNAL, await server.login('deputy'), { ext: true });
    await synced(deputy);
    await write(deputy, () => {
      const fields = {
        subjectId: 'rus',
        groupId: 'all',
        text: 'Не выставлены отметки за диктант',
        deadline: addDays(today, -2),
        createdBy: 'u-deputy',
        createdAt: new Date(server.clock.now() - 5 * 86_400_000).toISOString(),
        state: 'open',
      };
      for (const [f, v] of Object.entries(fields)) deputy.doc.getMap('remarks').set(`old00001:${f}`, v);
    });
    deputy.destroy();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('E2E-12: monitoring shows 5Б maths’ figures and links to the lesson without a topic; a remark written there reaches the teacher live; she answers; the deputy closes it', async () => {
    // The teacher is on her home page first: the remark must arrive there by itself.
    const teacherCtx = await browser.newContext(CONTEXT);
    const teacher = await signIn(teacherCtx, server.origin, 'teacher');
    await teacher.getByTestId('my-pages').waitFor();
    expect(await teacher.getByTestId('my-remarks').count()).toBe(0);

    // The deputy: home → «Контроль ведения журналов».
    const deputyCtx = await browser.newContext(CONTEXT);
    const deputy = await signIn(deputyCtx, server.origin, 'deputy');
    await deputy.getByTestId('monitoring-link').click();
    await deputy.getByTestId('monitoring-page').waitFor();
    const row = deputy.getByTestId(`monitoring-row-${ROW}`);
    await row.waitFor({ timeout: 45_000 });
    expect(await row.innerText()).toContain('Математика');
    expect(await deputy.getByTestId(`figure-withoutTopic-${ROW}`).innerText()).toBe('1');
    expect(Number(await deputy.getByTestId(`figure-held-${ROW}`).innerText())).toBeGreaterThan(5);
    // The overdue remark is in red at the top.
    const overdue = deputy.getByTestId('overdue-remarks').getByTestId('remark');
    expect(await overdue.count()).toBe(1);
    expect(await overdue.innerText()).toContain('просрочено');
    expect(await overdue.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(253, 236, 236)');
    await deputy.evaluate(() => document.querySelector('.page')!.scrollTo(0, 0));
    await deputy.screenshot({ path: `${SHOTS}/e2e-monitoring-top.png` });
    await deputy.getByTestId(`figure-withoutTopic-${ROW}`).click();
    await deputy.getByTestId('figure-list').waitFor();
    await deputy.getByTestId('figure-list').scrollIntoViewIfNeeded();
    await deputy.screenshot({ path: `${SHOTS}/e2e-monitoring-5b-maths.png` });

    // The figure's lesson opens the journal at that lesson.
    await deputy.getByTestId('figure-list').getByTestId('figure-item').click();
    await deputy.getByTestId('journal-title').waitFor();
    await expect.poll(() => deputy.evaluate(() => location.hash)).toBe(`#/journal/5b/math/all/${forgotten}`);

    // A remark about that lesson, due in three days.
    await deputy.getByTestId('remark-new').click();
    await deputy.getByTestId('remark-new-text').fill('Не записана тема урока. Запишите тему по КТП.');
    expect(await deputy.getByTestId('remark-new-lesson').isChecked()).toBe(true);
    await deputy.getByTestId('remark-submit').click();
    await expect.poll(() => deputy.getByTestId('remarks-toggle').innerText()).toBe('Замечания: 1');
    await expect.poll(() => pending(deputy), { timeout: 30_000 }).toBe('0');
    expect(await deputy.getByTestId('remark').getByTestId('remark-state').innerText()).toContain('ждёт ответа до');
    await deputy.screenshot({ path: `${SHOTS}/e2e-remark-deputy-written.png` });

    // The teacher's home shows it within seconds, without a reload.
    await expect.poll(() => teacher.getByTestId('my-remarks-count').innerText(), { timeout: 15_000 }).toBe('Замечания: 1');
    expect(await teacher.getByTestId('my-remarks').innerText()).toContain('Не записана тема урока');
    await teacher.screenshot({ path: `${SHOTS}/e2e-remark-teacher-home.png` });

    // She opens the lesson from it, writes the topic, and answers.
    await teacher.getByTestId('my-remark-link').click();
    await teacher.getByTestId('journal-title').waitFor();
    await expect.poll(() => teacher.evaluate(() => location.hash)).toBe(`#/journal/5b/math/all/${forgotten}`);
    expect(await teacher.getByTestId('remarks-toggle').innerText()).toBe('Замечания: 1');
    const topic = teacher.getByTestId('lesson-topic');
    await topic.fill('Сложение дробей');
    await topic.press('Enter');
    await teacher.getByTestId('remarks-toggle').click();
    await teacher.getByTestId('remark-answer-input').fill('Тема записана: «Сложение дробей».');
    await teacher.getByTestId('remark-answer-submit').click();
    await expect.poll(() => teacher.getByTestId('remark-state').innerText()).toBe('ответ получен');
    await expect.poll(() => pending(teacher), { timeout: 30_000 }).toBe('0');
    await teacher.screenshot({ path: `${SHOTS}/e2e-remark-teacher-answered.png` });

    // The deputy, still on the page, sees the answer arrive and closes the remark.
    expect(await deputy.getByTestId('remarks-toggle').getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => deputy.getByTestId('remark-answer').innerText(), { timeout: 15_000 }).toContain('Тема записана');
    await deputy.screenshot({ path: `${SHOTS}/e2e-remark-deputy-answer.png` });
    await deputy.getByTestId('remark-close').click();
    await expect.poll(() => deputy.getByTestId('remarks-toggle').innerText()).toBe('Замечания: 0');
    await expect.poll(() => pending(deputy), { timeout: 30_000 }).toBe('0');
    // Closed, it leaves the teacher's list too.
    await expect.poll(() => teacher.getByTestId('remarks-toggle').innerText(), { timeout: 15_000 }).toBe('Замечания: 0');
    await teacherCtx.close();
    await deputyCtx.close();
  });
});
