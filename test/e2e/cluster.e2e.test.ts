import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marksOf, readAbsence, type LessonId, type Student } from '../../model/index.ts';
import type { ServerProcess } from '../../bench/data-dir.ts';
import { parseClockStart } from '../../sync-server/clock.ts';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { seedClusterSchool, spawnClusterProcess } from '../helpers/cluster-school.ts';
import { PgTestSpace, requirePostgres } from '../helpers/pg-test-database.ts';
import { requireRedis } from '../helpers/redis-test.ts';
import { buildClient, chromiumAvailable, launchChromium, SHOTS } from './browser.ts';
import { cellText, signIn, typeInCell } from './pages.ts';

const URL_5B_MATH = '/#/journal/5b/math/all';

const space = new PgTestSpace();
const ready = chromiumAvailable() && (await requirePostgres(space.url)) && (await requireRedis());

/**
 * E2E-42 (CLU-1, CLU-2): a region's two server processes behind a balancer — the main teacher's
 * browser on one, the substitute's on the other, in one journal: each sees the other's mark live,
 * and the teacher sees the substitute in «Сейчас в журнале».
 */
describe.runIf(ready)('two server processes, two browsers (Chromium)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'journal-cluster-e2e-'));
  const servers: ServerProcess[] = [];
  let browser: Browser;
  let lesson: LessonId;
  let empty: Student[];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { page, journal, env } = await seedClusterSchool(space, { STATIC_DIR: 'dist/client' });
    // The substitute's lesson that has taken place: both may write it (PERM-2).
    lesson = page.substituteLessons.find((l) => l.slice(0, 6) < DEMO_FIXTURE_DAY.replaceAll('-', '').slice(2))!;
    empty = page.students.filter((s) => marksOf(journal, lesson, s.id).length === 0 && readAbsence(journal, lesson, s.id) === null);
    if (!lesson || empty.length < 2) throw new Error('the demo has no substituted 5Б lesson with two empty cells before the fixture day');
    await buildClient();
    for (let i = 0; i < 2; i++) servers.push(await spawnClusterProcess(dataDir, env));
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) s.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    await space.dropAll();
  });

  async function open(origin: string, login: string): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await ctx.clock.setSystemTime(parseClockStart(DEMO_FIXTURE_DAY));
    const page = await signIn(ctx, origin, login);
    await page.goto(origin + URL_5B_MATH);
    await page.getByTestId(`cell-${empty[0].id}-${lesson}`).waitFor();
    await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 90_000 }).toBe('0');
    return page;
  }

  it('E2E-42: the teacher on one process and the substitute on the other see each other’s marks live', async () => {
    const teacher = await open(servers[0].origin, 'teacher');
    const substitute = await open(servers[1].origin, 'substitute');
    const first = `cell-${empty[0].id}-${lesson}`;
    const second = `cell-${empty[1].id}-${lesson}`;
    await typeInCell(teacher, first, '5');
    await expect.poll(() => cellText(substitute, first), { timeout: 90_000 }).toContain('5');
    await typeInCell(substitute, second, '4');
    await expect.poll(() => cellText(teacher, second), { timeout: 90_000 }).toContain('4');
    await expect.poll(() => teacher.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 90_000 }).toBe('0');
    // CLU-2: the substitute's presence, relayed from the other process, stamped with their name.
    await expect.poll(() => teacher.getByText('Соколов Дмитрий Андреевич').count(), { timeout: 90_000 }).toBeGreaterThan(0);
    await teacher.screenshot({ path: join(SHOTS, 'e2e-42-cluster-teacher.png') });
  });
});
