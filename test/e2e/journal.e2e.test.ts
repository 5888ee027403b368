import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  lessonId,
  listStudents,
  marksOf,
  pageLessons,
  substitutionsOf,
  WHOLE_CLASS,
  type ClassId,
  type LessonId,
  type Student,
  type SubjectId,
  type UserId,
} from '../../model/index.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { buildClient, chromiumAvailable, launchChromium } from './browser.ts';
import { cellText, signIn, typeInCell } from './pages.ts';

const SHOTS = 'screenshots';
const JOURNAL = 'journal/5b/2026';

async function loadDoc(server: TestServer, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const u of await server.storage.readUpdates(name, 0)) Y.applyUpdate(doc, u.update);
  return doc;
}

describe.runIf(chromiumAvailable())('journal in two browsers (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let students: Student[];
  let substituted: string;
  let regular: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await buildClient();
    server = await startTestServer({ staticDir: 'dist/client' });
    browser = await launchChromium();
    const school = await loadDoc(server, 'school/demo/2026');
    const journal = await loadDoc(server, JOURNAL);
    students = listStudents(journal).filter((s) => s.leftOn === null && s.enrolledOn === null);
    // The substitute's lesson that is already in the past (registered by the demo school).
    const subs = substitutionsOf(school, 'u-substitute' as UserId).sort((a, b) => a.date.localeCompare(b.date));
    const s = subs[0];
    substituted = lessonId(s.date, s.slot, s.subjectId, s.groupId);
    // A regular math lesson of the main teacher before the substituted one.
    const lessons = pageLessons(school, journal, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS);
    regular = lessons.filter((l) => l.date < s.date && l.substituteId === null).at(-1)!.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('E2E-1: two teachers edit one journal and see each other’s marks live', async () => {
    const teacherCtx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const substituteCtx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const teacher = await signIn(teacherCtx, server.origin, 'teacher');
    const substitute = await signIn(substituteCtx, server.origin, 'substitute');
    await teacher.goto(`${server.origin}/#/journal/5b/math/all`);
    await substitute.goto(`${server.origin}/#/journal/5b/math/all`);
    const a = `cell-${students[0].id}-${regular}`;
    const b = `cell-${students[1].id}-${substituted}`;
    await teacher.getByTestId(a).waitFor();
    await substitute.getByTestId(b).waitFor();
    // Both are in the journal: each sees the other in the presence list.
    await expect.poll(() => teacher.getByTestId('presence').getAttribute('data-count'), { timeout: 10_000 }).toBe('1');
    await typeInCell(teacher, a, '5');
    await typeInCell(substitute, b, '4');
    await expect.poll(() => cellText(substitute, a), { timeout: 10_000 }).toContain('5');
    await expect.poll(() => cellText(teacher, b), { timeout: 10_000 }).toContain('4');
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 10_000 }).toBe('0');
    await teacher.screenshot({ path: `${SHOTS}/e2e-two-teachers-teacher.png` });
    await substitute.screenshot({ path: `${SHOTS}/e2e-two-teachers-substitute.png` });
    await teacherCtx.close();
    await substituteCtx.close();
  });

  it('E2E-2: a teacher offline enters marks, reloads offline, sees them, and both converge online', async () => {
    const teacherCtx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const otherCtx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const teacher = await signIn(teacherCtx, server.origin, 'teacher');
    const other = await signIn(otherCtx, server.origin, 'substitute');
    const url = `${server.origin}/#/journal/5b/math/all`;
    await teacher.goto(url);
    await other.goto(url);
    const cells = students.slice(2, 5).map((s) => `cell-${s.id}-${regular}`);
    await teacher.getByTestId(cells[0]).waitFor();
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 10_000 }).toBe('0');
    // The service worker must control the page before the network goes away.
    await teacher.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 10_000 });

    await teacherCtx.setOffline(true);
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-online')).toBe('false');
    await typeInCell(teacher, cells[0], '3');
    await typeInCell(teacher, cells[1], 'н');
    await typeInCell(teacher, cells[2], '54');
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-pending')).not.toBe('0');
    const pendingBefore = Number(await teacher.getByTestId('sync-status').getAttribute('data-pending'));
    expect(pendingBefore).toBeGreaterThanOrEqual(4);

    await teacher.reload();
    await teacher.getByTestId(cells[0]).waitFor({ timeout: 15_000 });
    await expect.poll(() => cellText(teacher, cells[0])).toContain('3');
    await expect.poll(() => cellText(teacher, cells[1])).toContain('н');
    await expect.poll(() => cellText(teacher, cells[2])).toMatch(/5\s+4/);
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-pending')).toBe(String(pendingBefore));
    await teacher.screenshot({ path: `${SHOTS}/e2e-offline-after-reload.png` });
    // Still offline: the other teacher has not seen any of it.
    expect(await cellText(other, cells[0])).not.toContain('3');

    await teacherCtx.setOffline(false);
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 20_000 }).toBe('0');
    await expect.poll(() => cellText(other, cells[0]), { timeout: 10_000 }).toContain('3');
    await expect.poll(() => cellText(other, cells[1])).toContain('н');
    await expect.poll(() => cellText(other, cells[2])).toMatch(/5\s+4/);
    // And the server has them durably: a fresh read of the store shows the marks.
    const journal = await loadDoc(server, JOURNAL);
    expect(marksOf(journal, regular as LessonId, students[2].id).map((m) => m.value)).toContain(3);
    expect(marksOf(journal, regular as LessonId, students[4].id).map((m) => m.value)).toEqual(expect.arrayContaining([5, 4]));
    expect(journal.getMap('attendance').get(`${regular}:${students[3].id}`)).toBe('absent');
    await other.screenshot({ path: `${SHOTS}/e2e-converged-other.png` });
    await teacherCtx.close();
    await otherCtx.close();
  });
});
