import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ensureClientBuilt } from './browser.ts';
import { median, type Row } from './machine.ts';
import type { PeerServer } from './peers-servers.ts';

/**
 * Chrome DevTools' "Slow 3G" preset (front_end/core/sdk/NetworkManager.ts): 500 kbit/s × 0.8 each
 * way and 400 ms × 5 latency, i.e. 50,000 bytes/s down and up and 2,000 ms added to each request.
 */
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const COLD_RUNS = 2;
const OFFLINE_RUNS = 3;
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

interface Shown {
  /** Navigation start → the first lesson row of the week in the DOM, ms. */
  dom: number;
  /** → the frame holding it produced. */
  painted: number;
  lessons: number;
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : '?');

/**
 * Runs in the page before its scripts: `__benchDiary` resolves when the first lesson row of the
 * diary's week (`diary-lesson`) is in the DOM and when the frame that shows it has been produced
 * (a message posted from requestAnimationFrame is handled after that frame).
 */
function watchFirstLesson(): void {
  const w = window as unknown as { __benchDiary?: Promise<Shown> };
  w.__benchDiary = new Promise((resolve) => {
    let done = false;
    const check = () => {
      if (done || !document.querySelector('[data-testid="diary-lesson"]')) return;
      done = true;
      observer.disconnect();
      const dom = performance.now();
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () =>
          resolve({ dom, painted: performance.now(), lessons: document.querySelectorAll('[data-testid="diary-lesson"]').length });
        ch.port2.postMessage(0);
      });
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true });
  });
}

async function shown(page: Page): Promise<Shown> {
  return page.evaluate(
    () =>
      Promise.race([
        (window as unknown as { __benchDiary: Promise<Shown> }).__benchDiary,
        new Promise<Shown>((_, reject) => setTimeout(() => reject(new Error('no diary lesson row within 120 s')), 120_000)),
      ]),
    undefined,
  );
}

interface NetworkLog {
  /** CDP monotonic seconds of the document request: navigation start. */
  navigation: number;
  /** The app's script (assets/index-*.js): bytes over the wire, and when it had arrived. */
  scriptBytes: number;
  scriptDone: number;
  /** Every HTTP response's bytes over the wire. */
  httpBytes: number;
  /** Binary WebSocket bytes received, the handshake's start and the first large frame (the diary's sync step 2). */
  wsBytes: number;
  handshake: number;
  sync: number;
}

/** What the page loads, from the DevTools protocol, to split a cold first paint into its parts. */
function watchNetwork(cdp: CDPSession): NetworkLog {
  const log: NetworkLog = { navigation: NaN, scriptBytes: 0, scriptDone: NaN, httpBytes: 0, wsBytes: 0, handshake: NaN, sync: NaN };
  const urls = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', (e) => {
    urls.set(e.requestId, e.request.url);
    if (e.type === 'Document' && Number.isNaN(log.navigation)) log.navigation = e.timestamp;
  });
  cdp.on('Network.loadingFinished', (e) => {
    log.httpBytes += e.encodedDataLength;
    // The first load only: the service worker's precache may fetch it again afterwards.
    if (!Number.isNaN(log.scriptDone) || !/\/assets\/index-[^/]*\.js$/.test(urls.get(e.requestId) ?? '')) return;
    log.scriptBytes = e.encodedDataLength;
    log.scriptDone = e.timestamp;
  });
  cdp.on('Network.webSocketWillSendHandshakeRequest', (e) => {
    if (Number.isNaN(log.handshake)) log.handshake = e.timestamp;
  });
  cdp.on('Network.webSocketFrameReceived', (e) => {
    if (e.response.opcode !== 2) return;
    const n = Buffer.from(e.response.payloadData, 'base64').length;
    log.wsBytes += n;
    if (n > 1000 && Number.isNaN(log.sync)) log.sync = e.timestamp;
  });
  return log;
}

async function newPhoneContext(browser: Browser, origin: string): Promise<BrowserContext> {
  const context = await browser.newContext(PHONE);
  // tsx compiles with keepNames, which wraps functions in __name(); the page has no such helper.
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  await context.addInitScript(watchFirstLesson);
  // Signed in through the context's own request client: its cookie jar is the browser's, and no
  // page has loaded, so the app, its service worker and the diary come over the measured network.
  const res = await context.request.post(`${origin}/api/auth/login`, { data: { login: 'parent', password: 'demo' }, headers: { origin } });
  if (!res.ok()) throw new Error(`parent sign-in: ${res.status()}`);
  return context;
}

/**
 * Figure 4: the diary's first paint on a phone (390×844) in Chromium, for the demo's `parent`:
 * from navigation to `#/diary` to the first lesson row of the week on the screen. Cold on Slow 3G
 * (a fresh browser profile with the session cookie: no service worker, no cache, no IndexedDB;
 * the app, /api/me and the diary's sync all over the throttled network), and offline once the
 * app and the diary are on the phone (service worker cache and IndexedDB).
 */
export async function diaryBrowserRows(server: PeerServer): Promise<Row[]> {
  const title = 'Chromium diary first paint';
  if (!existsSync(CHROMIUM)) return [{ figure: title, value: `not measured: ${CHROMIUM} is missing` }];
  try {
    ensureClientBuilt();
  } catch (e) {
    return [{ figure: title, value: `not measured: the client build failed (${(e as Error).message.slice(0, 100)})` }];
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const url = `${server.origin}/#/diary`;
    const cold: Array<Shown & { net: NetworkLog }> = [];
    let kept: { context: BrowserContext; page: Page; cdp: CDPSession } | null = null;
    for (let i = 0; i < COLD_RUNS; i++) {
      const context = await newPhoneContext(browser, server.origin);
      const page = await context.newPage();
      page.on('pageerror', (e) => console.warn('diary page error:', e.message));
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      const net = watchNetwork(cdp);
      await page.goto(url, { waitUntil: 'commit' });
      const first = await shown(page);
      // What had come by the first paint: later frames (a resync) are not part of it.
      cold.push({ ...first, net: { ...net } });
      if (kept) await kept.context.close();
      kept = { context, page, cdp };
    }
    // Offline: the last cold run's phone, once the service worker holds the app and IndexedDB the diary.
    const { page, cdp } = kept!;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.waitForFunction(
      async () => (await indexedDB.databases()).some((d) => d.name?.startsWith('cj/') && d.name.includes('diary')),
      undefined,
      {
        timeout: 30_000,
      },
    );
    await page.waitForTimeout(2000); // y-indexeddb writes the synced state in the background
    await page.context().setOffline(true);
    await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const offline: Shown[] = [];
    for (let i = 0; i < OFFLINE_RUNS; i++) {
      await page.reload({ waitUntil: 'commit' });
      offline.push(await shown(page));
    }
    await kept!.context.close();
    const m = (xs: Shown[], f: (s: Shown) => number) => median(xs.map(f));
    return [
      {
        figure: `${title}: phone 390×844, parent, #/diary → first lesson row of the week painted; Slow 3G (DevTools preset: 2000 ms latency, 50,000 B/s down and up), cold profile (median of ${COLD_RUNS})`,
        value: ms(m(cold, (s) => s.painted)),
      },
      {
        figure: '  cold runs: lesson row in the DOM / painted; lesson rows shown',
        value: cold.map((s) => `${ms(s.dom)} / ${ms(s.painted)}; ${s.lessons}`).join(' | '),
      },
      {
        figure: '  cold runs from navigation: app script arrived / diary socket opening / diary sync frame arrived',
        value: cold
          .map(({ net: n }) => [n.scriptDone, n.handshake, n.sync].map((t) => ms((t - n.navigation) * 1000)).join(' / '))
          .join(' | '),
      },
      {
        figure: '  cold runs, over the wire: app script / all HTTP / diary WebSocket (binary frames)',
        value: cold
          .map(({ net: n }) => [n.scriptBytes, n.httpBytes, n.wsBytes].map((b) => `${(b / 1024).toFixed(0)} KB`).join(' / '))
          .join(' | '),
      },
      {
        figure: `  offline, app and diary on the phone (service worker, IndexedDB): reload → first lesson row painted (median of ${OFFLINE_RUNS})`,
        value: `${ms(m(offline, (s) => s.painted))} (runs ${offline.map((s) => s.painted.toFixed(0)).join(', ')} ms; ${offline[0].lessons} rows)`,
      },
    ];
  } finally {
    await browser.close();
  }
}
