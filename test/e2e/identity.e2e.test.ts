import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStudents, type Student } from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, loadStoredDoc } from '../helpers/demo-facts.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { chromiumAvailable, SHOTS, startScenario } from './browser.ts';
import { signIn } from './pages.ts';

const VIEWPORT = { width: 1400, height: 900 };

/** Goes from the sign-in page to activation, as a new user does, and submits the form. */
async function activate(page: Page, origin: string, code: string, login: string, password: string): Promise<void> {
  await page.goto(origin);
  await page.getByTestId('to-activation').click();
  await page.getByTestId('activate-code').fill(code);
  await page.getByTestId('activate-login').fill(login);
  await page.getByTestId('activate-password').fill(password);
  await page.getByTestId('activate-repeat').fill(password);
  await page.getByTestId('activate-submit').click();
}

const issuedCode = async (page: Page) => (await page.getByTestId('issued-code-value').innerText()).trim();

describe.runIf(chromiumAvailable())('accounts, codes and sessions (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let students: Student[];

  beforeAll(async () => {
    ({ server, browser } = await startScenario({ at: DEMO_FIXTURE_DAY }));
    const journal = await loadStoredDoc(server.storage, 'journal/5b/2026');
    students = listStudents(journal).filter((s) => s.leftOn === null && s.enrolledOn === null);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('E2E-4: the administrator issues a staff code; the new teacher activates it and is signed in; the code works once', async () => {
    const adminCtx = await browser.newContext({ viewport: VIEWPORT });
    const admin = await signIn(adminCtx, server.origin, 'admin');
    await admin.getByTestId('admin-link').click();
    await admin.getByTestId('code-name').fill('Соколова Анна Игоревна');
    await admin.getByTestId('code-role').selectOption('teacher');
    await admin.getByTestId('code-issue').click();
    const code = await issuedCode(admin);
    expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);

    const newCtx = await browser.newContext({ viewport: VIEWPORT });
    const teacher = await newCtx.newPage();
    await activate(teacher, server.origin, code, 'sokolova', 'Sokol-2026!');
    await expect.poll(() => teacher.getByTestId('current-user').innerText(), { timeout: 30_000 }).toContain('Соколова Анна Игоревна');
    await teacher.screenshot({ path: `${SHOTS}/e2e-activated-teacher.png` });

    // The same code a second time, in a fresh browser: refused, and nobody is signed in.
    const againCtx = await browser.newContext({ viewport: VIEWPORT });
    const again = await againCtx.newPage();
    await activate(again, server.origin, code.toLowerCase(), 'sokolova2', 'Другой-пароль-1');
    await expect.poll(() => again.getByTestId('activate-error').innerText(), { timeout: 30_000 }).toContain('уже использован');
    expect(await again.getByTestId('current-user').count()).toBe(0);
    await again.screenshot({ path: `${SHOTS}/e2e-code-used-twice.png` });

    // The administrator sees the code used and the new teacher active.
    await admin.reload();
    await expect.poll(() => admin.getByTestId('codes-table').innerText(), { timeout: 30_000 }).toContain('использован');
    await expect.poll(() => admin.getByTestId('user-sokolova').innerText()).toContain('активна');
    await Promise.all([adminCtx.close(), newCtx.close(), againCtx.close()]);
  });

  it('E2E-5: the class teacher issues a parent’s code on the class page; the parent activates it and sees the parents’ notice, no journal', async () => {
    const teacherCtx = await browser.newContext({ viewport: VIEWPORT });
    const teacher = await signIn(teacherCtx, server.origin, 'classteacher');
    await teacher.getByTestId('class-codes-link-5b').scrollIntoViewIfNeeded();
    await teacher.screenshot({ path: `${SHOTS}/e2e-class-teacher-home.png` });
    await teacher.getByTestId('class-codes-link-5b').click();
    await teacher.getByTestId('roster-table').waitFor();
    const student = students[0];
    await teacher.getByTestId(`student-${student.id}`).waitFor();
    // A student's code first, then a parent's with the parent's name.
    await teacher.getByTestId(`student-code-${student.id}`).click();
    await teacher.getByTestId('issued-code').waitFor();
    await teacher.getByTestId(`parent-code-${student.id}`).click();
    await teacher.getByTestId('parent-name').fill('Петрова Ольга Викторовна');
    await teacher.screenshot({ path: `${SHOTS}/e2e-class-codes-parent-form.png` });
    await teacher.getByTestId('parent-code-issue').click();
    await expect
      .poll(() => teacher.getByTestId('issued-code').innerText())
      .toContain(`Петрова Ольга Викторовна (родитель ученика: ${student.name})`);
    const code = await issuedCode(teacher);
    await expect.poll(() => teacher.getByTestId('class-codes-table').innerText()).toContain('Петрова Ольга Викторовна');
    await teacher.screenshot({ path: `${SHOTS}/e2e-class-codes-issued.png` });

    const parentCtx = await browser.newContext({ viewport: VIEWPORT });
    const parent = await parentCtx.newPage();
    await activate(parent, server.origin, code, 'petrova.o', 'Roditel-2026!');
    await expect.poll(() => parent.getByTestId('current-user').innerText(), { timeout: 30_000 }).toContain('Петрова Ольга Викторовна');
    // The parent lands on the child's diary (DIARY-1, DIARY-38).
    await expect.poll(() => parent.getByTestId('diary-student').innerText(), { timeout: 45_000 }).toContain(student.name);
    expect(await parent.getByTestId('my-pages').count()).toBe(0);
    // The account is the student's parent, and the server opens no journal to it: the diary only.
    const me = await parent.evaluate(() => fetch('/api/me').then((r) => r.json()));
    expect(me.user.roles).toEqual(['parent']);
    expect(me.documents).toEqual([{ name: `diary/${student.id}/2026`, kind: 'diary', title: `${student.name}, 5Б`, access: 'read' }]);
    await parent.goto(`${server.origin}/#/journal/5b/math/all`);
    await expect.poll(() => parent.getByTestId('diary-student').innerText()).toContain(student.name);
    await parent.screenshot({ path: `${SHOTS}/e2e-parent-notice.png` });

    // Back on the class page the parent's code shows as used, in the list and in the student's row.
    await teacher.getByTestId('issued-code').getByRole('button', { name: 'Закрыть' }).click();
    await teacher.reload();
    await teacher.getByTestId('class-codes-table').waitFor();
    await expect
      .poll(() => teacher.getByTestId(`student-${student.id}`).innerText(), { timeout: 30_000 })
      .toContain('родитель: использован');
    await teacher.screenshot({ path: `${SHOTS}/e2e-class-codes-used.png` });
    // The page scrolls inside its own pane: shoot the list of codes itself.
    await teacher.getByTestId('class-codes-table').scrollIntoViewIfNeeded();
    await teacher.getByTestId('class-codes-table').screenshot({ path: `${SHOTS}/e2e-class-codes-list.png` });
    await Promise.all([teacherCtx.close(), parentCtx.close()]);
  });

  it('E2E-6: signing out on every device from a second browser shows «Сеанс истёк» in the first', async () => {
    const firstCtx = await browser.newContext({ viewport: VIEWPORT });
    const secondCtx = await browser.newContext({ viewport: VIEWPORT });
    const first = await signIn(firstCtx, server.origin, 'teacher');
    // The school document is open and synced: its socket is what the server closes.
    await expect.poll(() => first.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 30_000 }).toBe('0');
    const second = await signIn(secondCtx, server.origin, 'teacher');
    second.once('dialog', (d) => void d.accept());
    await second.getByTestId('logout-all').click();
    await expect.poll(() => second.locator('.login-notice').innerText(), { timeout: 30_000 }).toContain('Вы вышли на всех устройствах');

    await first.getByTestId('session-expired').waitFor({ timeout: 30_000 });
    expect(await first.getByTestId('session-expired').innerText()).toContain('Сеанс истёк');
    // The sign-in page offers the same login again.
    expect(await first.getByTestId('login-username').inputValue()).toBe('teacher');
    await first.screenshot({ path: `${SHOTS}/e2e-session-expired.png` });
    await Promise.all([firstCtx.close(), secondCtx.close()]);
  });
});
