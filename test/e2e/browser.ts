import { existsSync, mkdirSync } from 'node:fs';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import type { TestClock } from '../helpers/test-clock.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run here. Outside CI a missing Chromium skips them with a loud
 * message; in CI it is a failure, because CI installs it (`.ci/run`).
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `Chromium not found at ${CHROMIUM}: browser end-to-end tests cannot run. Install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n*** SKIPPED: ${message}\n`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/**
 * Every context the browser opens from now on starts at the server's clock (`clock.setSystemTime`;
 * time then runs on), so the page and the server agree on "today" whatever `JOURNAL_CLOCK` says or
 * wherever a scenario moved the clock. A context on the system clock is left alone.
 */
export function followServerClock(browser: Browser, clock: TestClock): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    if (Math.abs(clock.skewMs) > 1000) await context.clock.setSystemTime(clock.now());
    return context;
  };
  return browser;
}

let built: Promise<void> | null = null;

/** Builds the client into dist/client once per test run, so the tests run the current code. */
export function buildClient(): Promise<void> {
  built ??= build({ configFile: 'vite.config.ts', logLevel: 'warn' }).then(() => undefined);
  return built;
}

/** Where the scenarios put the screenshots a person looks at (gitignored). */
export const SHOTS = 'screenshots';

/**
 * A scenario file's one server and browser, started before its tests and closed after them;
 * read them inside a test (`const { server, browser } = scene`).
 */
export function useScenario(opts: ScenarioOptions = {}): { readonly server: TestServer; readonly browser: Browser } {
  const scene = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    Object.assign(scene, await startScenario(opts));
  });
  afterAll(async () => {
    await scene.browser?.close();
    await scene.server?.dispose();
  });
  return scene;
}

export interface ScenarioOptions {
  /**
   * The day (or instant) the server's and the browser's clocks start at, for a scenario that reads
   * the demo as a lived-in school rather than what day it is (`DEMO_FIXTURE_DAY`); by default the
   * process's clock (`JOURNAL_CLOCK`, or the system clock).
   */
  at?: string;
}

/** A browser scenario's setup: the current client built, a real server serving it, Chromium. */
export async function startScenario(opts: ScenarioOptions = {}): Promise<{ server: TestServer; browser: Browser }> {
  mkdirSync(SHOTS, { recursive: true });
  await buildClient();
  const server = await startTestServer({ staticDir: 'dist/client', at: opts.at });
  return { server, browser: followServerClock(await launchChromium(), server.clock) };
}
