import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };
const LAPTOP = { viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };

const texts = (page: Page) => page.getByTestId('message-text').allInnerTexts();
/** The receipt under the newest of one's own messages (the demo conversation has older ones, read). */
const lastReceipt = async (page: Page) => (await page.getByTestId('message-receipt').allInnerTexts()).at(-1);
const noWiderThanScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/**
 * MSG-15 (issue 19's scenario): a parent on a phone writes to the class teacher, who sees it live on
 * a laptop and answers; the parent reads the answer and the teacher sees «Прочитано»; offline the
 * parent's next message says «ожидает отправки» and goes when the network returns.
 */
describe.runIf(chromiumAvailable())('conversations between a parent’s phone and the class teacher’s laptop (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('MSG-15: written, seen live, answered, read with a receipt; offline a message waits and then goes', async () => {
    const { server, browser } = scene;
    const teacherCtx = await browser.newContext(LAPTOP);
    const teacher = await signIn(teacherCtx, server.origin, 'classteacher');
    await teacher.getByTestId('messages-link').click();
    await teacher.getByTestId('messages-page').waitFor();

    const parentCtx = await browser.newContext(PHONE);
    const parent = await signIn(parentCtx, server.origin, 'parent');
    await parent.getByTestId('messages-link').click();
    await parent.getByTestId('new-conversation-toggle').click();
    await parent.screenshot({ path: `${SHOTS}/messages-contacts-390.png` });
    // The class teacher comes first among the contacts.
    const first = parent.getByTestId('contact').first();
    expect(await first.innerText()).toContain('классный руководитель 5Б');
    await first.click();
    await parent.getByTestId('conversation').waitFor();
    await parent.getByTestId('composer-text').fill('Здравствуйте! Можно ли пересдать диктант в четверг?');
    await parent.getByTestId('composer-send').click();
    await expect.poll(() => lastReceipt(parent), { timeout: 45_000 }).toBe('Доставлено');

    // The teacher's list shows the new conversation live, with one unread message.
    await expect.poll(() => teacher.getByTestId('conversation-unread').allInnerTexts(), { timeout: 45_000 }).toEqual(['1']);
    await expect.poll(() => teacher.getByTestId('messages-unread').innerText(), { timeout: 45_000 }).toBe('1');
    await teacher.getByTestId('conversation-entry').first().click();
    await expect
      .poll(async () => (await texts(teacher)).at(-1), { timeout: 45_000 })
      .toBe('Здравствуйте! Можно ли пересдать диктант в четверг?');
    // MSG-5: the teacher sees whose parent this is, nothing of the family's contacts.
    const title = await teacher.getByTestId('conversation-title').innerText();
    expect(title).toMatch(/родитель: .+, 5Б/);
    expect(title).not.toMatch(/@|\+7|parent/);
    await teacher.getByTestId('composer-text').fill('Да, в четверг после шестого урока, кабинет 14.');
    await teacher.getByTestId('composer-send').click();
    await expect.poll(() => teacher.getByTestId('messages-unread').count(), { timeout: 45_000 }).toBe(0);

    // The parent, with the conversation open, reads the answer live; the teacher sees the receipt.
    await expect
      .poll(async () => (await texts(parent)).slice(-2), { timeout: 45_000 })
      .toEqual(['Здравствуйте! Можно ли пересдать диктант в четверг?', 'Да, в четверг после шестого урока, кабинет 14.']);
    await expect.poll(() => lastReceipt(teacher), { timeout: 45_000 }).toBe('Прочитано');
    await expect.poll(() => lastReceipt(parent), { timeout: 45_000 }).toBe('Прочитано');
    await parent.screenshot({ path: `${SHOTS}/messages-conversation-390.png` });
    await teacher.screenshot({ path: `${SHOTS}/messages-teacher-1280.png` });
    expect(await noWiderThanScreen(parent)).toBe(true);

    // No network: the message stays on the phone and says it waits.
    await parentCtx.setOffline(true);
    await parent.getByTestId('composer-text').fill('Спасибо, придём.');
    await parent.getByTestId('composer-send').click();
    await expect.poll(() => parent.getByTestId('message-pending').allInnerTexts(), { timeout: 45_000 }).toEqual(['ожидает отправки']);
    await parent.screenshot({ path: `${SHOTS}/messages-offline-390.png` });
    expect(await texts(teacher)).not.toContain('Спасибо, придём.');
    await parentCtx.setOffline(false);
    await expect.poll(() => parent.getByTestId('message-pending').count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => texts(teacher), { timeout: 45_000 }).toContain('Спасибо, придём.');
    await teacher.screenshot({ path: `${SHOTS}/messages-teacher-after-offline-1280.png` });
    await parentCtx.close();
    await teacherCtx.close();
  });
});
