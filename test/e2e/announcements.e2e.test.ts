import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };
const LAPTOP = { viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };

/** Neither the document nor the page's scroller is wider than the window. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const main = document.querySelector<HTMLElement>('main.page')!;
    return Math.max(document.documentElement.scrollWidth - window.innerWidth, main.scrollWidth - main.clientWidth);
  });

describe.runIf(chromiumAvailable())('announcements and consent (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('ANN-9: the class teacher on a laptop posts an announcement; the parent on a phone reads it live; the teacher sees who has read it', async () => {
    const { server, browser } = scene;
    const teacher = await signIn(await browser.newContext(LAPTOP), server.origin, 'classteacher');
    await teacher.goto(`${server.origin}/#/boards/5b`);
    await teacher.getByTestId('board-5b').waitFor();
    const parent = await signIn(await browser.newContext(PHONE), server.origin, 'parent');
    await parent.goto(`${server.origin}/#/boards/5b`);
    await parent.getByTestId('board-5b').waitFor();

    await teacher.getByTestId('post-form').locator('summary').click();
    await teacher.getByTestId('post-title').fill('Родительское собрание 18 декабря');
    await teacher
      .getByTestId('post-text')
      .fill('Уважаемые родители! Собрание в четверг, 18 декабря, в 18:00, кабинет 21. Повестка: итоги второй четверти.');
    await teacher.getByTestId('post-pinned').check();
    await teacher.getByTestId('post-submit').click();
    await teacher.getByTestId('post').filter({ hasText: 'Родительское собрание 18 декабря' }).waitFor();

    // Live on the parent's open board: the board's document is kept by the server's sync.
    const post = parent.getByTestId('post').filter({ hasText: 'Родительское собрание 18 декабря' });
    await post.waitFor();
    await expect.poll(() => post.getByTestId('post-pinned-badge').isVisible()).toBe(true);
    expect(await overflow(parent)).toBeLessThanOrEqual(0);
    await parent.screenshot({ path: `${SHOTS}/ann-parent-phone.png` });

    // The read reaches the teacher's count live, and the list names the parent.
    const mine = teacher.getByTestId('post').filter({ hasText: 'Родительское собрание 18 декабря' });
    await expect.poll(() => mine.getByTestId('read-count').innerText()).toBe('Прочитали: 1');
    await mine.getByTestId('read-count').click();
    const parentName = (await parent.getByTestId('current-user').locator('.user-name').innerText()).trim();
    await expect.poll(() => mine.getByTestId('readers-read').innerText()).toContain(parentName);
    expect(await mine.getByTestId('readers-unread').locator('li').count()).toBeGreaterThan(10);
    await teacher.screenshot({ path: `${SHOTS}/ann-teacher-laptop.png` });
  });

  it('CONS-8: the parent gives and withdraws consent in the profile on a phone; the class teacher’s list shows it and sends the family to the printed extract', async () => {
    const { server, browser } = scene;
    const parent = await signIn(await browser.newContext(PHONE), server.origin, 'parent');
    await parent.goto(`${server.origin}/#/consent`);
    await parent.getByTestId('consent-page').waitFor();
    expect(await parent.getByTestId('consent-state-personal-data').innerText()).toBe('Не дано');
    await parent.getByTestId('consent-give-personal-data').click();
    await expect.poll(() => parent.getByTestId('consent-state-personal-data').innerText()).toMatch(/^Дано \d\d\.\d\d\.\d{4}, \d\d:\d\d$/);
    await parent.getByTestId('consent-give-email').click();
    await expect.poll(() => parent.getByTestId('consent-state-email').innerText()).toMatch(/^Дано /);
    expect(await parent.getByTestId('consent-email-address').innerText()).toContain('выключена');
    expect(await overflow(parent)).toBeLessThanOrEqual(0);
    await parent.screenshot({ path: `${SHOTS}/consent-parent-given.png`, fullPage: true });

    const me = await (await fetch(`${server.origin}/api/me`, { headers: { cookie: await server.login('parent') } })).json();
    const studentId = (me.documents as Array<{ name: string }>)[0].name.split('/')[1];
    const teacher = await signIn(await browser.newContext(LAPTOP), server.origin, 'classteacher');
    await teacher.goto(`${server.origin}/#/boards/5b`);
    await teacher.getByTestId('class-consents-link').click();
    const row = teacher.getByTestId(`consents-row-${studentId}`);
    await row.waitFor();
    expect(await row.innerText()).toMatch(/дано \d\d\.\d\d\.\d{4}/);
    expect(await row.getByTestId('consents-extract').innerText()).toBe('не нужна');

    parent.once('dialog', (d) => void d.accept());
    await parent.getByTestId('consent-withdraw-personal-data').click();
    await expect.poll(() => parent.getByTestId('consent-state-personal-data').innerText()).toMatch(/^Отозвано /);
    expect(await parent.getByTestId('consent-register').locator('li').count()).toBe(3);
    await parent.screenshot({ path: `${SHOTS}/consent-parent-withdrawn.png`, fullPage: true });

    await teacher.reload();
    await row.waitFor();
    expect(await row.getByTestId('consents-extract').innerText()).toContain('Отказ: выдавать выписку');
    expect(await row.innerText()).toMatch(/отказ \d\d\.\d\d\.\d{4}/);
    expect(await teacher.getByTestId('class-consent-register').locator('li').count()).toBe(3);
    await teacher.screenshot({ path: `${SHOTS}/consent-class-teacher.png`, fullPage: true });
  });
});
