import { serve, type ServerType } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.ts';
import type { Storage } from '../storage/port.ts';
import { createSetupApp } from './setup-app.ts';
import { SetupCode } from './setup-code.ts';

export interface SetupOptions {
  log: (msg: string) => void;
  now: () => number;
  /** Told where the setup page listens and each setup code (tests read them here rather than in the log). */
  onOpen?: (info: { url: string; port: number }) => void;
  onCode?: (code: string) => void;
}

/**
 * SETUP-34: `DEMO=0` on an empty data directory. Serves the setup page on the configured address
 * until the school is created, then stops listening and answers the port it had, where the
 * real server starts at once (the page waits for it: client/features/setup/). No account exists
 * before the setup, and the demo is never written.
 */
export async function runSchoolSetup(storage: Storage, config: Config, opts: SetupOptions): Promise<number> {
  let finish!: () => void;
  const created = new Promise<void>((resolve) => (finish = resolve));
  const code = new SetupCode((c) => {
    opts.log(`Код настройки школы (для входа на страницу настройки не с этого компьютера): ${c}`);
    opts.onCode?.(c);
  });
  const app = createSetupApp({
    storage,
    code,
    allowedOrigins: config.allowedOrigins,
    staticDir: config.staticDir,
    now: opts.now,
    onCreated: ({ adminLogin }) => {
      opts.log(`Школа создана; администратор: ${adminLogin}. Запускаю журнал…`);
      finish();
    },
  });
  const tls = config.tls ? { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) } : null;
  const server: ServerType = await new Promise((resolve) => {
    const listen = { fetch: app.fetch, port: config.port, hostname: config.host };
    const s = tls
      ? serve({ ...listen, createServer: createHttpsServer, serverOptions: tls }, () => resolve(s))
      : serve(listen, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const url = `${tls ? 'https' : 'http'}://${host}:${port}/`;
  opts.log(`Новая школа (DEMO=0): откройте ${url} и заполните страницу настройки.`);
  opts.onOpen?.({ url, port });
  await created;
  // The real server takes the same port: nothing may hold it, kept-alive browser sockets included.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  (server as Server).closeAllConnections();
  await closed;
  return port;
}
