import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import * as Y from 'yjs';
import { finalColumns, finalsRoster, hasFinalIn, periodAt, type GroupId, type SubjectId } from '../model/index.ts';
import { currentClock, localDateOf } from '../sync-server/clock.ts';
import { openSqliteStorage } from '../sync-server/storage/sqlite.ts';
import { CHROMIUM, CHROMIUM_ARGS, ensureClientBuilt } from './browser.ts';
import { prepareDataDir, spawnServer, type ServerProcess } from './data-dir.ts';
import type { Row } from './machine.ts';

const MATH = 'math' as SubjectId;
const ALL = 'all' as GroupId;

/**
 * Chromium: how long entering one subject's period finals for a class takes from the keyboard, on
 * the demo's 5Б mathematics (its period of today): one click on the first student, then one digit
 * per student — the page moves to the next student who gets a final by itself — until the server
 * has acknowledged every final (on its disk). Machine time: automation types without a person's
 * pauses, so the figure is the app's share; a person adds their own reading and typing.
 */
export async function finalsEntryBench(port: number): Promise<Row[]> {
  if (!existsSync(CHROMIUM)) {
    return [{ figure: 'Chromium: finals entry', value: `not measured: ${CHROMIUM} is missing (apt-get install -y chromium)` }];
  }
  ensureClientBuilt();
  const dir = await prepareDataDir();
  const { students, column } = await pageToFill(dir);
  let server: ServerProcess | null = await spawnServer(dir, port);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.getByTestId('login-username').fill('teacher');
    await page.getByTestId('login-password').fill('demo');
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="sync-status"][data-online="true"]').waitFor({ timeout: 30_000 });
    await page.evaluate(() => (location.hash = '#/finals/5b/math/all'));
    const cell = (id: string) => page.getByTestId(`final-${id}-${column}`);
    await cell(students[0]).waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="sync-status"][data-pending="0"]').waitFor({ timeout: 30_000 });

    const digits = students.map((_, i) => '543'[i % 3]);
    const started = performance.now();
    await cell(students[0]).click();
    for (const d of digits) await page.keyboard.press(d);
    const last = students[students.length - 1];
    await cell(last)
      .filter({ hasText: digits[digits.length - 1] })
      .waitFor({ timeout: 30_000 });
    const typed = performance.now() - started;
    await page.locator('[data-testid="sync-status"][data-pending="0"]').waitFor({ timeout: 30_000 });
    const saved = performance.now() - started;
    const shown = await Promise.all(students.map((id) => cell(id).innerText()));
    if (shown.join('') !== digits.join('')) throw new Error(`finals bench: the page shows ${shown.join('')}, typed ${digits.join('')}`);
    await server.stop();
    server = null;
    return [
      {
        figure: `Chromium: enter 5Б's maths finals for ${column} from the keyboard (${students.length} students)`,
        value: `${digits.length} digits + 1 click`,
      },
      { figure: '  click → every final shown in the table (automation, no human pauses)', value: `${(typed / 1000).toFixed(2)} s` },
      { figure: '  click → every final acknowledged by the server (on its disk)', value: `${(saved / 1000).toFixed(2)} s` },
    ];
  } finally {
    await browser?.close();
    if (server) await server.stop();
  }
}

/** The students of 5Б's maths page who get a final in the period of today (else the first), from the stored demo. */
async function pageToFill(dir: string): Promise<{ students: string[]; column: string }> {
  const storage = openSqliteStorage(join(dir, 'journal.sqlite'));
  const load = async (name: string) => {
    const doc = new Y.Doc();
    const { snapshot, updates } = await storage.loadDocument(name);
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    for (const u of updates) Y.applyUpdate(doc, u.update);
    return doc;
  };
  const school = await load('school/demo/2026');
  const journal = await load('journal/5b/2026');
  await storage.close();
  const columns = finalColumns(school, 5, MATH);
  const today = periodAt(school, 5, localDateOf(currentClock()()))?.[0];
  const column = columns.find((c) => c.id === today) ?? columns[0];
  const students = finalsRoster(journal, ALL, MATH, columns).filter((s) => hasFinalIn(s, ALL, MATH, column));
  return { students: students.map((s) => s.id), column: column.id };
}
