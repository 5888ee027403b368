import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, weekday, type IsoDate } from '../../model/index.ts';
import { parseDiaryName } from '../../model/diary/diary-doc.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

const J5B = 'journal/5b/2026';
const LAPTOP = { viewport: { width: 1400, height: 900 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };

/** Neither the document nor the page's own scroller is wider than the window. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const main = document.querySelector<HTMLElement>('main.page')!;
    return Math.max(document.documentElement.scrollWidth - window.innerWidth, main.scrollWidth - main.clientWidth);
  });

describe.runIf(chromiumAvailable())('notes to the family (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('E2E-41: the teacher writes a note to the family in 5Б mathematics; the parent sees it under that lesson on a phone; changed and removed, the diary follows; written offline, it arrives once online', async () => {
    const { server, browser } = scene;
    const cookie = await server.login('parent');
    const me = (await (await fetch(`${server.origin}/api/me`, { headers: { cookie } })).json()) as {
      documents: Array<{ name: string; kind: string }>;
    };
    const studentId = parseDiaryName(me.documents.find((d) => d.kind === 'diary')!.name)!.studentId;
    // The teacher's last 5Б mathematics lesson before today.
    const lesson = (await mathPage(server.storage, server.today())).teacherLessons.filter((id) => !id.startsWith('261209')).at(-1)!;
    const date = `20${lesson.slice(0, 2)}-${lesson.slice(2, 4)}-${lesson.slice(4, 6)}` as IsoDate;
    const monday = addDays(date, 1 - weekday(date));
    const stored = async () => (await loadStoredDoc(server.storage, J5B)).getMap('notes').get(`${lesson}:${studentId}`);

    // The teacher: the lesson's cell of the child selects the lesson and the student in the panel.
    const teacherCtx = await browser.newContext(LAPTOP);
    const teacher = await signIn(teacherCtx, server.origin, 'teacher');
    await teacher.goto(`${server.origin}/#/journal/5b/math/all/${lesson}`);
    const cell = teacher.getByTestId(`cell-${studentId}-${lesson}`);
    await cell.waitFor({ timeout: 45_000 });
    await cell.scrollIntoViewIfNeeded();
    await cell.click();
    await expect.poll(() => teacher.getByTestId('family-note-student').inputValue()).toBe(studentId);
    const text = teacher.getByTestId('family-note-text');
    await text.scrollIntoViewIfNeeded();
    await text.fill('Не выполнил домашнее задание');
    await teacher.getByTestId('family-note-save').click();
    await expect.poll(() => teacher.getByTestId('family-note-item').innerText()).toContain('Не выполнил домашнее задание');
    await expect.poll(stored, { timeout: 45_000 }).toBe('Не выполнил домашнее задание');
    const rows = await server.storage.readChanges({ docName: J5B, path: `notes/${lesson}:${studentId}` });
    expect(rows.map((r) => r.userId)).toEqual(['u-teacher']);
    await teacher.getByTestId('lesson-panel').screenshot({ path: `${SHOTS}/family-note-panel.png` });

    // The parent, on a phone: the note under that lesson of the week.
    const parentCtx = await browser.newContext(PHONE);
    const parent = await signIn(parentCtx, server.origin, 'parent');
    await parent.getByTestId('diary-page').waitFor();
    await parent.goto(`${server.origin}/#/diary/${studentId}?week=${monday}`);
    const day = parent.getByTestId(`diary-day-${date}`);
    await day.waitFor({ timeout: 45_000 });
    const note = day.getByTestId('diary-note');
    await expect.poll(() => note.count(), { timeout: 45_000 }).toBe(1);
    expect(await note.innerText()).toBe('Замечание учителя: Не выполнил домашнее задание');
    // Under the lesson it is about: the mathematics lesson's item holds it.
    expect(await note.locator('xpath=ancestor::li[@data-testid="diary-lesson"]').innerText()).toContain('Математика');
    expect(await overflow(parent)).toBeLessThanOrEqual(0);
    await note.scrollIntoViewIfNeeded();
    await parent.screenshot({ path: `${SHOTS}/diary-note-390.png` });

    // Changed, then removed, on the teacher's page: the open diary follows.
    await text.fill('Отлично выступил на конференции');
    await text.press('Control+Enter');
    await expect.poll(() => note.innerText(), { timeout: 45_000 }).toBe('Замечание учителя: Отлично выступил на конференции');
    await teacher.getByTestId('family-note-remove').click();
    await expect.poll(() => day.getByTestId('diary-note').count(), { timeout: 45_000 }).toBe(0);
    await expect.poll(stored).toBeNull();

    // Offline, the note is written into the journal on the device like a mark, and sent once back online.
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 45_000 }).toBe('0');
    await teacherCtx.setOffline(true);
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-online')).toBe('false');
    await teacher.getByTestId('family-note-text').fill('Опоздал без уважительной причины');
    await teacher.getByTestId('family-note-save').click();
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-pending')).not.toBe('0');
    expect(await stored()).toBeNull();
    expect(await day.getByTestId('diary-note').count()).toBe(0);
    await teacherCtx.setOffline(false);
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 60_000 }).toBe('0');
    await expect.poll(stored).toBe('Опоздал без уважительной причины');
    await expect.poll(() => note.innerText(), { timeout: 45_000 }).toBe('Замечание учителя: Опоздал без уважительной причины');
    await teacherCtx.close();
    await parentCtx.close();
  });
});
