import { describe, expect, it } from 'vitest';
import {
  addDays,
  markPlace,
  marksOf,
  markToTuple,
  parseDiaryName,
  weekday,
  type IsoDate,
  type LessonId,
  type StudentId,
  type WorkTypeId,
} from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc, mathPage } from '../helpers/demo-facts.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };
/** Chromium DevTools' «Slow 3G»: 400 ms latency (×5 as DevTools applies it), 500 kbit/s each way. */
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: (500 * 1024) / 8, uploadThroughput: (500 * 1024) / 8 };

/**
 * DIARY-39 (issue 18's scenario): on a phone over a slow mobile network the parent opens the
 * diary and sees the teacher's new mark arrive live; then the network goes, the page is
 * reloaded, and the week is still there from the device's copy, saying how old it is.
 */
describe.runIf(chromiumAvailable())('the diary live and offline on a slow network (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('DIARY-5, DIARY-36, DIARY-39: on slow 3G a teacher’s new mark arrives live; offline a reload still shows the week with its age', async () => {
    const { server, browser } = scene;
    const cookie = await server.login('parent');
    const me = (await (await fetch(`${server.origin}/api/me`, { headers: { cookie } })).json()) as { documents: Array<{ name: string }> };
    const studentId = parseDiaryName(me.documents[0].name)!.studentId as StudentId;
    // A mathematics lesson of this week, already begun, where the child has no mark yet.
    const today = server.today();
    const monday = addDays(today, 1 - weekday(today)) as IsoDate;
    const journal = await loadStoredDoc(server.storage, 'journal/5b/2026');
    const page0 = await mathPage(server.storage, today);
    const lesson = page0.teacherLessons
      .filter((l) => l.slice(0, 6) >= monday.replaceAll('-', '').slice(2) && marksOf(journal, l as LessonId, studentId).length === 0)
      .at(-1);
    expect(lesson, `a 5Б mathematics lesson of the week of ${monday} without a mark of the child`).toBeDefined();

    const ctx = await browser.newContext(PHONE);
    const page = await signIn(ctx, server.origin, 'parent');
    // The service worker holds the app for the offline reload below (PWA-1). It is installed before
    // the network turns slow: its precache is the whole app (every page's code), which over slow 3G
    // took longer than any sensible wait on a busy machine; the slow network is for the live sync.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 60_000 });
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    await page.reload();
    await expect.poll(() => page.getByTestId('diary-mark').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const before = await page.getByTestId('diary-mark').count();

    const teacher = connectClient(server, 'journal/5b/2026', await server.login('teacher'), { ext: true });
    await synced(teacher);
    teacher.doc.transact(() =>
      teacher.doc.getMap('marks').set(`${lesson}:${studentId}:${markPlace(0)}`, markToTuple({ v: 5, t: 'oral' as WorkTypeId, w: 1 })),
    );
    await expect.poll(() => page.getByTestId('diary-mark').count(), { timeout: 90_000 }).toBe(before + 1);
    expect(teacher.rejects).toEqual([]);
    teacher.destroy();
    await page.screenshot({ path: `${SHOTS}/diary-live-mark-390.png` });

    // No network at all, and the page reloaded: the week from the device's copy, with its age.
    await ctx.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('diary-mark').count(), { timeout: 90_000 }).toBe(before + 1);
    await expect
      .poll(() => page.getByTestId('diary-stale').innerText(), { timeout: 90_000 })
      .toMatch(/^Данные на \d\d\.\d\d, \d\d:\d\d — нет связи$/);
    // A family has nothing of its own to send: never «ещё не на сервере», not after the reload either.
    expect(await page.getByTestId('sync-status').getAttribute('data-pending')).toBe('0');
    await page.screenshot({ path: `${SHOTS}/diary-offline-reload-390.png` });
    await ctx.close();
  });
});
