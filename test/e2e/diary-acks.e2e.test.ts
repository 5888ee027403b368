import { describe, expect, it } from 'vitest';
import { listStudents } from '../../model/index.ts';
import { api } from '../helpers/api-client.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import { chromiumAvailable, SHOTS, useScenario } from './browser.ts';
import { signIn } from './pages.ts';

const CONTEXT = { viewport: { width: 1300, height: 1000 }, timezoneId: 'Europe/Moscow', locale: 'ru-RU' };
/** DEMO_FIXTURE_DAY's week. */
const MONDAY = '2026-12-07';

describe.runIf(chromiumAvailable())('«Ознакомление с дневником» (Chromium)', () => {
  const scene = useScenario({ at: DEMO_FIXTURE_DAY });

  it('DIARY-24, DIARY-26, DIARY-27: the class teacher of 5Б opens the page from the home card, filters who did not read, reminds them once a day', async () => {
    const { server, browser } = scene;
    const http = api(() => server);
    const [, a, b] = listStudents(await loadStoredDoc(server.storage, 'journal/5b/2026')).filter(
      (s) => s.enrolledOn === null && s.leftOn === null,
    );
    // A's mother has an account and read this week; B's family has none.
    const teacherCookie = await http.login('classteacher');
    const code = await http.post('/api/class/5b/codes', { role: 'parent', studentId: a.id, name: 'Мама Читающая' }, teacherCookie);
    const mama = http.cookieOf(
      (await http.post('/api/auth/activate', { code: code.json.code, login: 'mama-e2e', password: 'Solnyshko-5' })).headers,
    );
    expect((await http.post(`/api/diary/${a.id}/read`, { kind: 'week', item: MONDAY }, mama)).status).toBe(200);
    expect((await http.post('/api/periods/close', { classId: '5b', periodId: 'q1' }, await http.login('deputy'))).status).toBe(200);
    expect((await http.post(`/api/diary/${a.id}/confirm`, { periodId: 'q1' }, mama)).status).toBe(200);

    const page = await signIn(await browser.newContext(CONTEXT), server.origin, 'classteacher');
    await page.getByTestId('diary-acks-link-5b').click();
    const table = page.getByTestId('diary-acks-table');
    await table.waitFor();
    const rowA = page.getByTestId(`acks-${a.id}`);
    const rowB = page.getByTestId(`acks-${b.id}`);
    await expect.poll(() => rowA.innerText()).toContain('Родитель: Мама Читающая');
    expect(await rowA.innerText()).toContain('✓ прочитано');
    expect(await table.locator('thead').innerText()).toContain('Итоговые: 1 четверть');
    expect(await rowA.innerText()).toMatch(/✓ \d\d\.12/);
    expect(await rowB.innerText()).toContain('нет доступа');

    await page.getByTestId('filter-not-read').click();
    await rowA.waitFor({ state: 'detached' });
    await page.getByTestId(`pick-${b.id}`).check();
    await page.getByTestId('remind-read').click();
    await expect.poll(() => page.getByTestId('diary-acks-message').innerText()).toContain(b.name);
    expect((await server.storage.diaryNotices(b.id)).map((n) => n.text)).toEqual([
      'Классный руководитель просит ознакомиться с дневником за неделю',
    ]);
    await page.screenshot({ path: `${SHOTS}/e2e-diary-acks.png` });

    // The same reminder again today: the server's Russian refusal, nothing stored twice.
    await page.getByTestId(`pick-${b.id}`).check();
    await page.getByTestId('remind-read').click();
    await expect.poll(() => page.getByTestId('diary-acks-error').innerText()).toContain('уже отправлено');
    expect(await server.storage.diaryNotices(b.id)).toHaveLength(1);
  });
});
