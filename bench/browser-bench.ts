import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type * as Y from 'yjs';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  ROOT,
  ensureClientBuilt,
  expectPage,
  idbPhases,
  instrumentPage,
  type IdbEntry,
  type PageExpectation,
} from './browser.ts';
import { spawnServer, type ServerProcess } from './data-dir.ts';
import { median, type Row } from './machine.ts';
import { prepareFullYearDataDir } from './sync-bench.ts';

const RELOADS = 5;
const SWITCHES = 6;
const TMP = join(ROOT, '.tmp');

interface Timing {
  dom: number;
  painted: number;
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : '?');

/**
 * Chromium figures of the full-year journal: opening the journal page offline from IndexedDB
 * (navigation start → the subject's grid rendered with its marks), and switching to another
 * subject's page in the open app. Real server, real client build, Debian's Chromium.
 */
export async function browserBench(doc: { journal: Y.Doc; school: Y.Doc; classId: string }, port: number): Promise<Row[]> {
  if (!existsSync(CHROMIUM)) {
    return [{ figure: 'Chromium figures', value: `not measured: ${CHROMIUM} is missing (apt-get install -y chromium)`, aim: '< 300 ms' }];
  }
  ensureClientBuilt();
  const alg = expectPage(doc, 'alg');
  const phys = expectPage(doc, 'phys');
  const dir = await prepareFullYearDataDir(doc);
  let server: ServerProcess | null = await spawnServer(dir, port);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // tsx compiles with keepNames, which wraps functions in __name(); the page has no such helper.
    await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    await context.addInitScript(instrumentPage);
    // A reload cannot be watched from outside before the app starts: the page picks its target up itself.
    await context.addInitScript(() => {
      const w = window as unknown as Record<string, (...a: unknown[]) => unknown>;
      let target: string | null = null;
      try {
        target = sessionStorage.getItem('bench-target');
      } catch {
        return; // about:blank has no storage
      }
      if (target) {
        const t = JSON.parse(target) as { testId: string; text: string };
        (w as Record<string, unknown>).__benchLoad = w.__benchWaitCell(t.testId, t.text, 30_000);
      }
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.warn('browser page error:', e.message));

    // Online: sign in, open the page, let the server fill IndexedDB.
    await page.goto(`${server.origin}/`);
    await page.getByTestId('login-username').fill('teacher');
    await page.getByTestId('login-password').fill('demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('sync-status').and(page.locator('[data-online="true"]')).waitFor({ timeout: 30_000 });
    await page.evaluate((hash) => (location.hash = hash), alg.hash);
    await waitForText(page, alg.target, 60_000);
    await page.locator('[data-testid="sync-status"][data-online="true"][data-pending="0"]').waitFor({ timeout: 30_000 });
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const journalDb = await waitForStoredDoc(page, `journal/${doc.classId}/`);
    // Once more online, through the service worker: the page must come back whole.
    await reloadAndTime(page, alg);
    await checkFilled(page, alg, 'online reload');
    mkdirSync(TMP, { recursive: true });
    await page.screenshot({ path: join(TMP, 'bench-journal.png') });

    // Offline: no server at all, and the browser told so, as on a school laptop without Wi-Fi.
    await server.stop();
    server = null;
    await context.setOffline(true);
    const opens: Timing[] = [];
    const phases: Array<ReturnType<typeof idbPhases>> = [];
    for (let i = 0; i < RELOADS; i++) {
      opens.push(await reloadAndTime(page, alg));
      phases.push(idbPhases(await page.evaluate(() => (window as unknown as { __benchIdb: IdbEntry[] }).__benchIdb), journalDb));
      if (i === 0) await checkFilled(page, alg, 'offline reload');
    }
    if ((await page.getByTestId('sync-status').getAttribute('data-online')) !== 'false') throw new Error('the app thinks it is online');

    // Another subject's page, the document already in memory: hash change → grid with marks.
    const switches: Array<Timing & { to: string }> = [];
    for (let i = 0; i < SWITCHES; i++) {
      const to = i % 2 === 0 ? phys : alg;
      switches.push({ ...(await switchTo(page, to)), to: to.subjectId });
    }
    await checkFilled(page, switches[switches.length - 1].to === 'alg' ? alg : phys, 'subject switch');
    if (process.env.BENCH_PROFILE) await profileRuns(page, alg, phys);

    const ok = phases.filter((p): p is NonNullable<typeof p> => p !== null);
    const phase = (f: (p: NonNullable<(typeof phases)[number]>) => number) => median(ok.map(f));
    const toSubject = (s: string) => switches.filter((x) => x.to === s);
    return [
      {
        figure: `Chromium: open journal page offline from IndexedDB (median of ${RELOADS})`,
        value: ms(median(opens.map((o) => o.painted))),
        aim: '< 300 ms',
      },
      { figure: '  of which: navigation start → app code running (first IndexedDB request)', value: ms(phase((p) => p.appStart)) },
      { figure: '  → journal IndexedDB open (cached session, school document first)', value: ms(phase((p) => p.opened - p.appStart)) },
      {
        figure: `  → journal read (getAll, ${(phase((p) => p.bytes) / 1024).toFixed(0)} KiB)`,
        value: ms(phase((p) => p.read - p.opened)),
      },
      { figure: '  → Y.applyUpdate done', value: ms(phase((p) => p.applied - p.read)) },
      {
        figure: '  → first columns of the grid in the DOM (plan, cell scan, DOM, layout)',
        value: ms(median(opens.map((o) => o.dom)) - phase((p) => p.applied)),
      },
      { figure: '  → frame painted (style, layout, paint)', value: ms(median(opens.map((o) => o.painted - o.dom))) },
      {
        figure: `  runs (painted): ${opens.map((o) => o.painted.toFixed(0)).join(', ')} ms`,
        value: `${alg.filledCells} filled cells`,
      },
      {
        figure: `Chromium: render another subject's page (median of ${SWITCHES})`,
        value: ms(median(switches.map((s) => s.painted))),
        aim: '< 300 ms',
      },
      {
        figure: `  → alg (${alg.filledCells} filled cells) / → phys (${phys.filledCells}): grid in the DOM`,
        value: `${ms(median(toSubject('alg').map((s) => s.dom)))} / ${ms(median(toSubject('phys').map((s) => s.dom)))}`,
      },
      {
        figure: '  → alg / → phys: frame painted',
        value: `${ms(median(toSubject('alg').map((s) => s.painted)))} / ${ms(median(toSubject('phys').map((s) => s.painted)))}`,
      },
    ];
  } finally {
    await browser?.close();
    if (server) await server.stop();
  }
}

/**
 * With BENCH_PROFILE=1, V8 CPU profiles of one more offline reload and one more switch go to
 * .tmp/bench-open.cpuprofile and .tmp/bench-switch.cpuprofile (open them in Chrome DevTools;
 * serve a client built with --minify false through STATIC_DIR to read the names). Not part of
 * the figures: the profiler slows the page down.
 */
async function profileRuns(page: Page, back: PageExpectation, other: PageExpectation): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  // A new DevTools session would let the reloaded page believe it is online again.
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  for (const [name, run] of [
    ['bench-open', () => reloadAndTime(page, back)],
    ['bench-switch', () => switchTo(page, other)],
  ] as const) {
    await cdp.send('Profiler.start');
    const t = await run();
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(join(TMP, `${name}.cpuprofile`), JSON.stringify(profile));
    console.log(`${name}: ${t.painted.toFixed(0)} ms while profiled, navigator.onLine ${await page.evaluate(() => navigator.onLine)}`);
  }
  await cdp.detach();
}

/** Waits until a cell shows its text (the page is rendered with its marks). */
async function waitForText(page: Page, target: PageExpectation['target'], timeout: number): Promise<void> {
  await page.locator(`[data-testid="${target.testId}"]`).filter({ hasText: target.text }).waitFor({ timeout });
}

/** Reloads and returns navigation-relative times of the target cell's DOM and paint. */
async function reloadAndTime(page: Page, exp: PageExpectation): Promise<Timing> {
  await page.evaluate((t) => sessionStorage.setItem('bench-target', JSON.stringify(t)), exp.target);
  await page.reload({ waitUntil: 'commit' });
  return page.evaluate(() => (window as unknown as { __benchLoad: Promise<Timing> }).__benchLoad);
}

/** Changes the hash as a link would, and times the new page from there. */
async function switchTo(page: Page, exp: PageExpectation): Promise<Timing> {
  return page.evaluate(async ({ hash, target }) => {
    const w = window as unknown as { __benchWaitCell(id: string, text: string, ms: number): Promise<Timing> };
    const t0 = performance.now();
    const shown = w.__benchWaitCell(target.testId, target.text, 30_000);
    location.hash = hash;
    const r = await shown;
    return { dom: r.dom - t0, painted: r.painted - t0 };
  }, exp);
}

/**
 * The measured page must be the whole page: as many filled cells as the document has, once the
 * grid has drawn the columns it leaves for after the first frame.
 */
async function checkFilled(page: Page, exp: PageExpectation, when: string): Promise<void> {
  const count = () =>
    page.evaluate(
      () =>
        [...document.querySelectorAll('[data-testid="journal-grid"] td[data-testid^="cell-"]')].filter((td) => td.textContent !== '')
          .length,
    );
  let n = await count();
  for (let i = 0; i < 50 && n !== exp.filledCells; i++) {
    await page.waitForTimeout(100);
    n = await count();
  }
  if (n !== exp.filledCells)
    throw new Error(`${when}: the ${exp.subjectId} page shows ${n} filled cells, the document has ${exp.filledCells}`);
}

/**
 * Waits until y-indexeddb holds the document (the name starting with `prefix`) and has stopped
 * writing it (it merges many entries into one a second after the last), and returns its name.
 */
async function waitForStoredDoc(page: Page, prefix: string): Promise<string> {
  let last = '';
  let stableSince = Date.now();
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    const state = await page.evaluate(async (p) => {
      const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith('cj/') && n.includes(p));
      if (!name) return null;
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      const all = await new Promise<Uint8Array[]>((res, rej) => {
        const r = db.transaction('updates').objectStore('updates').getAll();
        r.onsuccess = () => res(r.result as Uint8Array[]);
        r.onerror = () => rej(r.error);
      });
      db.close();
      return { name, entries: all.length, bytes: all.reduce((n, u) => n + u.byteLength, 0) };
    }, prefix);
    const key = JSON.stringify(state);
    if (key !== last) [last, stableSince] = [key, Date.now()];
    else if (state && state.bytes > 100_000 && Date.now() - stableSince > 2000) return state.name;
    await page.waitForTimeout(250);
  }
  throw new Error(`IndexedDB never settled on the journal: ${last}`);
}
