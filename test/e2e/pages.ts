import type { BrowserContext, Page } from 'playwright-core';
import type { IsoDate } from '../../model/index.ts';
import { currentClock, localDateOf } from '../../sync-server/clock.ts';

/** What the browser scenarios do as a person would: sign in, type into a cell, read it. */
export async function signIn(context: BrowserContext, origin: string, login: string, password = 'demo'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(origin);
  await page.getByTestId('login-username').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
  return page;
}

/** Clicks a cell and types into it as a teacher does, then moves on with Enter. */
export async function typeInCell(page: Page, testId: string, text: string): Promise<void> {
  const cell = page.getByTestId(testId);
  // The grid may render the cell anew as data arrives (a dated CI saw «Element is not attached to
  // the DOM» here on a busy machine): the locator then finds the new one on the next try.
  for (let attempt = 1; ; attempt++) {
    try {
      await cell.scrollIntoViewIfNeeded();
      break;
    } catch (e) {
      if (attempt >= 5 || !String(e).includes('not attached')) throw e;
    }
  }
  await cell.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

export const cellText = (page: Page, testId: string) => page.getByTestId(testId).innerText();

/**
 * Today as the server and the browser see it (the page opens on its period, SCH-8): the date of
 * the one clock (`JOURNAL_CLOCK`, sync-server/clock.ts) on this machine's local time.
 */
export function localToday(): IsoDate {
  return localDateOf(currentClock()());
}
