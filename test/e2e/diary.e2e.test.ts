import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  allMarks,
  classLessons,
  hadLesson,
  listStudents,
  weekday,
  type ClassId,
  type IsoDate,
  type PlannedLesson,
} from '../../model/index.ts';
import { parseDiaryName } from '../../model/diary/diary-doc.ts';
import { weekTitle } from '../../client/features/diary/diary-text.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };
const DESKTOP = { viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };

/** Neither the document nor the page's own scroller is wider than the window. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const main = document.querySelector<HTMLElement>('main.page')!;
    return Math.max(document.documentElement.scrollWidth - window.innerWidth, main.scrollWidth - main.clientWidth);
  });

const mondayOf = (date: IsoDate) => addDays(date, 1 - weekday(date));

/**
 * The whole page for a person to look at, in screen-high pieces `name-1.png`, `name-2.png`…: the
 * page scrolls inside `main`, so the window grows to its height for the shots.
 */
async function wholeShots(page: Page, name: string): Promise<void> {
  const vp = page.viewportSize()!;
  const height = await page.evaluate(() => {
    const main = document.querySelector<HTMLElement>('main.page')!;
    return main.scrollHeight + window.innerHeight - main.clientHeight;
  });
  const total = Math.min(height, 8000);
  await page.setViewportSize({ width: vp.width, height: total });
  for (let y = 0, i = 1; y < total; y += vp.height, i++) {
    await page.screenshot({ path: `/tmp/${name}-${i}.png`, clip: { x: 0, y, width: vp.width, height: Math.min(vp.height, total - y) } });
  }
  await page.setViewportSize(vp);
}

describe.runIf(chromiumAvailable())('the diary of a parent and a student (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('DIARY-39: on a phone the parent sees this week’s lessons and marks as the journal has them; a mark opens and is recorded read, as is the week; the marks by subject show the average worked out; offline it says as of when; the student reads the same diary', async () => {
    const { server, browser } = scene;
    // The child from the parent's own `GET /api/me`, and what the class journal holds for them this week.
    const cookie = await server.login('parent');
    const me = (await (await fetch(`${server.origin}/api/me`, { headers: { cookie } })).json()) as {
      documents: Array<{ name: string; kind: string; title: string }>;
    };
    const grant = me.documents.find((d) => d.kind === 'diary')!;
    expect(grant, 'the demo parent is given a diary').toBeDefined();
    const studentId = parseDiaryName(grant.name)!.studentId;
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const journal = await loadStoredDoc(server.storage, 'journal/5b/2026');
    const student = listStudents(journal).find((s) => s.id === studentId)!;
    const monday = mondayOf(server.today());
    const lessons = classLessons(school, journal, '5b' as ClassId, monday, addDays(monday, 6)).filter((l: PlannedLesson) =>
      hadLesson(student, l),
    );
    const ids = new Set(lessons.map((l) => l.id as string));
    const marks = allMarks(journal).filter((m) => m.studentId === studentId && ids.has(m.lessonId));
    expect(lessons.length).toBeGreaterThan(0);
    expect(marks.length, `the demo gives ${student.name} marks in the week of ${monday}`).toBeGreaterThan(0);

    const ctx = await browser.newContext(PHONE);
    const page = await signIn(ctx, server.origin, 'parent');
    await page.getByTestId('diary-page').waitFor();
    await expect.poll(() => page.getByTestId('diary-student').innerText(), { timeout: 45_000 }).toContain(student.name);
    await expect.poll(() => page.getByTestId('diary-lesson').count()).toBe(lessons.length);
    await expect.poll(() => page.getByTestId('diary-mark').count()).toBe(marks.length);
    const firstLesson = lessons[0];
    const dayCard = page.getByTestId(`diary-day-${firstLesson.date}`);
    expect(await dayCard.innerText()).toContain(String(firstLesson.slot));
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/diary-week-390.png` });
    await wholeShots(page, 'diary-week-390');

    await page.getByTestId('diary-homework-mode').tap();
    await page.getByTestId('diary-homework-list').waitFor();
    await wholeShots(page, 'diary-homework-390');
    await page.getByRole('button', { name: 'Дни недели' }).tap();

    // DIARY-37: opening the week recorded it; tapping a mark opens its details and records it.
    const acks = () => server.storage.diaryAcks({ studentIds: [studentId] });
    await expect.poll(async () => (await acks()).some((a) => a.kind === 'week' && a.item === monday), { timeout: 30_000 }).toBe(true);
    const mark = page.getByTestId('diary-mark').first();
    await mark.scrollIntoViewIfNeeded();
    await mark.tap();
    await page.getByTestId('mark-details').first().waitFor();
    const box = (await mark.boundingBox())!;
    expect(box.height, 'a mark is a thumb-sized target').toBeGreaterThanOrEqual(44);
    await expect.poll(async () => (await acks()).some((a) => a.kind === 'mark'), { timeout: 30_000 }).toBe(true);
    await page.screenshot({ path: '/tmp/diary-mark-390.png' });

    // The week before: in the address, recorded as read too; «Сегодня» comes back.
    const before = addDays(monday, -7);
    await page.getByRole('button', { name: 'Предыдущая неделя' }).tap();
    await expect.poll(() => page.url()).toContain(`#/diary/${studentId}?week=${before}`);
    expect(await page.getByTestId('diary-week-title').innerText()).toBe(weekTitle(before));
    await expect.poll(async () => (await acks()).some((a) => a.kind === 'week' && a.item === before), { timeout: 30_000 }).toBe(true);
    await page.getByRole('button', { name: 'Сегодня' }).tap();
    await expect.poll(() => page.getByTestId('diary-week-title').innerText()).toBe(weekTitle(monday));

    // The marks by subject: the computation written out.
    await page.getByTestId('diary-tab-subjects').tap();
    await expect.poll(() => page.getByTestId('diary-formula').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('diary-formula').first().innerText()).toMatch(/^Средний балл: .*= \d,\d\d/);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await wholeShots(page, 'diary-subjects-390');

    await page.getByTestId('diary-tab-attendance').tap();
    await page.getByTestId('diary-attendance-totals').waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await wholeShots(page, 'diary-attendance-390');

    // The deputy closes the 1st quarter: the diary offers to confirm its finals, live; the confirmation reaches the server.
    const deputy = await server.login('deputy');
    const closed = await fetch(`${server.origin}/api/periods/close`, {
      method: 'POST',
      headers: { cookie: deputy, origin: server.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ classId: '5b', periodId: 'q1' }),
    });
    expect(closed.status).toBe(200);
    await page.getByTestId('diary-tab-finals').tap();
    await page.getByTestId('diary-finals-table').waitFor();
    const confirm = page.getByTestId('diary-confirm-q1');
    await confirm.getByRole('button', { name: 'Подтвердить ознакомление' }).waitFor({ timeout: 45_000 });
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await confirm.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/diary-confirm-390.png' });
    await confirm.getByRole('button', { name: 'Подтвердить ознакомление' }).tap();
    await expect.poll(() => confirm.innerText()).toMatch(/Подтверждено \d\d\.\d\d, \d\d:\d\d/);
    expect((await acks()).some((a) => a.kind === 'finals' && a.item === 'q1')).toBe(true);
    await wholeShots(page, 'diary-finals-390');

    // The class teacher's reminder comes to the top of the diary, live, and goes once read.
    const reminded = await fetch(`${server.origin}/api/classes/5b/diary-reminders`, {
      method: 'POST',
      headers: { cookie: await server.login('classteacher'), origin: server.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'read', studentIds: [studentId] }),
    });
    expect(reminded.status).toBe(200);
    const notices = page.getByTestId('diary-notices');
    await expect.poll(() => notices.innerText(), { timeout: 45_000 }).toContain('ознакомиться с дневником');
    await page.screenshot({ path: '/tmp/diary-notice-390.png' });
    await notices.getByRole('button', { name: 'Понятно' }).tap();
    await expect.poll(() => notices.count()).toBe(0);

    // DIARY-36: without a connection the diary stays, saying as of when.
    await page.getByTestId('diary-tab-week').tap();
    await ctx.setOffline(true);
    await expect
      .poll(() => page.getByTestId('diary-stale').innerText(), { timeout: 30_000 })
      .toMatch(/^Данные на \d\d\.\d\d, \d\d:\d\d — нет связи$/);
    expect(await page.getByTestId('diary-mark').count()).toBe(marks.length);
    await page.screenshot({ path: '/tmp/diary-offline-390.png' });
    await ctx.close();

    const wide = await browser.newContext(DESKTOP);
    const desk = await signIn(wide, server.origin, 'parent');
    await expect.poll(() => desk.getByTestId('diary-mark').count(), { timeout: 45_000 }).toBe(marks.length);
    expect(await overflow(desk)).toBeLessThanOrEqual(0);
    await desk.screenshot({ path: `${SHOTS}/diary-week-1280.png` });
    await wholeShots(desk, 'diary-week-1280');
    await desk.getByTestId('diary-tab-subjects').click();
    await desk.getByTestId('diary-formula').first().waitFor();
    await wholeShots(desk, 'diary-subjects-1280');
    await wide.close();

    // The student signs in to the same diary, their own.
    const own = await browser.newContext(PHONE);
    const pupil = await signIn(own, server.origin, 'student');
    await expect.poll(() => pupil.getByTestId('diary-student').innerText(), { timeout: 45_000 }).toContain(student.name);
    await expect.poll(() => pupil.getByTestId('diary-mark').count()).toBe(marks.length);
    await own.close();
  });
});
