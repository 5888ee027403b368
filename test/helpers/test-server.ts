import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IsoDate } from '../../model/index.ts';
import { localDateOf, parseClockStart } from '../../sync-server/clock.ts';
import { readConfig, type Config } from '../../sync-server/config.ts';
import type { SyncLimits } from '../../sync-server/limits.ts';
import type { Logger } from '../../sync-server/log.ts';
import { startServer, type RunningServer } from '../../sync-server/server.ts';
import type { Storage } from '../../sync-server/storage/port.ts';
import type { RegistryOptions } from '../../sync-server/ws/room-registry.ts';
import { TestClock } from './test-clock.ts';

export interface TestServer extends RunningServer {
  dataDir: string;
  origin: string;
  /** The server's clock: the process's unless the test gave its own `now`; a test may move it. */
  clock: TestClock;
  /** The server's today: its clock's date on this machine's local time, as the demo reads it. */
  today(): IsoDate;
  /** Signs in and returns the Cookie header value. */
  login(login: string, password?: string): Promise<string>;
  /** Stops the server and removes its data directory. */
  dispose(): Promise<void>;
}

/** A real server on an ephemeral port with the demo school in a fresh data directory. */
export async function startTestServer(
  opts: {
    dataDir?: string;
    storage?: Storage;
    registry?: Partial<RegistryOptions>;
    port?: number;
    staticDir?: string;
    heartbeatMs?: number;
    /** The server's clock; by default the process's (`JOURNAL_CLOCK`, sync-server/clock.ts). */
    now?: () => number;
    /**
     * Starts the server's clock at this day (10:00 Moscow time) or instant instead, before the demo
     * is seeded: for tests that read the demo as a lived-in school, whatever day it is
     * (`DEMO_FIXTURE_DAY`).
     */
    at?: string;
    sessionSweepMs?: number;
    tls?: { certFile: string; keyFile: string };
    /** Smaller sync limits than `SYNC_LIMITS` (PROTO-16…PROTO-18). */
    syncLimits?: Partial<SyncLimits>;
    /** Reverse proxies trusted for the client's address (`TRUST_PROXY`, AUTH-23). */
    trustProxy?: number;
    /** The region's identity provider (`OIDC_*`, AUTH-28); none by default. */
    oidc?: Config['oidc'];
    /** E-mail to families (`SMTP_URL`…, NOTIF-8); none by default, and digests only when a test runs them. */
    email?: Partial<Config['email']>;
    /** OPS-3: the server's logger (a test that reads the log); the process's, at `LOG_LEVEL`, by default. */
    logger?: Logger;
  } = {},
): Promise<TestServer> {
  const clock = new TestClock(opts.now);
  if (opts.at) clock.moveTo(parseClockStart(opts.at));
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'journal-test-'));
  const config = {
    ...readConfig({}),
    port: opts.port ?? 0,
    host: '127.0.0.1',
    dataDir,
    staticDir: opts.staticDir ?? join(dataDir, 'no-client'),
    tls: opts.tls ?? null,
    trustProxy: opts.trustProxy ?? 0,
    oidc: opts.oidc ?? null,
    email: { smtpUrl: null, from: 'Журнал <journal@test.local>', pollSeconds: 0, publicUrl: null, ...opts.email },
  };
  const server = await startServer(config, {
    storage: opts.storage,
    registry: { unloadDelayMs: 50, ...opts.registry },
    heartbeatMs: opts.heartbeatMs,
    now: clock.now,
    sessionSweepMs: opts.sessionSweepMs,
    syncLimits: opts.syncLimits,
    logger: opts.logger,
    log: () => {},
  });
  const origin = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${server.port}`;
  return {
    ...server,
    dataDir,
    origin,
    clock,
    today: () => localDateOf(clock.now()),
    async login(login, password = 'demo') {
      const res = await fetch(`${origin}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ login, password }),
      });
      if (res.status !== 200) throw new Error(`login ${login} failed: ${res.status}`);
      const cookie = res.headers.get('set-cookie') ?? '';
      return cookie.split(';')[0];
    },
    async dispose() {
      await server.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
