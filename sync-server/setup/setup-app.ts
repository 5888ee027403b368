import { bodyLimit } from 'hono/body-limit';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { serveClientFiles } from '../http/client-files.ts';
import { securityHeaders } from '../http/security-headers.ts';
import { logError, logger } from '../log.ts';
import { originCheck } from '../http/session-middleware.ts';
import type { Storage } from '../storage/port.ts';
import { createSchool, newSchoolProblems, readNewSchool } from './new-school.ts';
import type { SetupCode } from './setup-code.ts';

export interface SetupAppDeps {
  storage: Storage;
  code: SetupCode;
  allowedOrigins: readonly string[];
  staticDir?: string;
  now: () => number;
  /** Called once the school is stored and the answer is on its way: the real server starts. */
  onCreated(result: { docName: string; adminLogin: string }): void;
  onError?(e: unknown): void;
}

/** Addresses of this machine: a request from one needs no setup code. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * SETUP-37: a request comes from the server's own machine when its socket's peer is a loopback
 * address and no proxy says it forwards it for someone else (behind a reverse proxy on the same
 * machine every request is loopback, so a forwarded one needs the code).
 */
export function isLocalRequest(c: Context): boolean {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const address = incoming?.socket?.remoteAddress ?? '';
  const forwarded = c.req.header('forwarded') ?? c.req.header('x-forwarded-for') ?? c.req.header('x-real-ip');
  return LOOPBACK.test(address) && !forwarded;
}

/**
 * The server before its school exists (`DEMO=0` on an empty data directory, SETUP-34): the
 * client, `GET /api/about` (the setup is open, and whether this request needs the code) and
 * `POST /api/setup`; every other API answers 503 and nobody can sign in, because nobody exists.
 */
export function createSetupApp(deps: SetupAppDeps) {
  const app = new Hono();
  let created = false;
  let creating = false;
  app.onError((err, c) => {
    if (err instanceof HTTPException) return c.json({ error: err.message }, err.status);
    if (deps.onError) deps.onError(err);
    else logError(logger, err);
    return c.json({ error: 'Внутренняя ошибка сервера' }, 500);
  });
  app.use('*', securityHeaders());
  // No socket outlives its answer: the real server takes this port after the setup, and a browser
  // or client must not send its next request down a kept-alive socket of the setup page.
  app.use('*', async (c, next) => {
    await next();
    c.header('Connection', 'close');
  });
  app.use('/api/*', originCheck(deps.allowedOrigins));
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.get('/api/about', (c) => c.json({ demo: false, setup: created ? null : { codeNeeded: !isLocalRequest(c) } }));
  app.get('/api/me', (c) => c.json({ error: 'Требуется вход в систему' }, 401));
  app.post('/api/setup', bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json({ error: 'Слишком большой запрос' }, 413) }), async (c) => {
    if (created || creating) throw new HTTPException(410, { message: 'Школа уже создана' });
    const body = await c.req.json().catch(() => null);
    if (!isLocalRequest(c)) {
      const typed = typeof body?.code === 'string' ? body.code : '';
      // SETUP-37: a wrong code is refused before anything else is looked at.
      if (!deps.code.check(typed))
        throw new HTTPException(403, { message: 'Неверный код настройки. Код напечатан в журнале сервера при запуске.' });
    }
    const school = readNewSchool(body);
    const problems = newSchoolProblems(school);
    if (problems.length > 0) return c.json({ error: problems.join('\n'), problems }, 400);
    creating = true;
    try {
      const result = await createSchool(deps.storage, school, deps.now());
      created = true;
      deps.code.spend();
      afterAnswer(c, () => deps.onCreated(result));
      return c.json({ ok: true, login: result.adminLogin }, 201);
    } finally {
      creating = false;
    }
  });
  app.all('/api/*', (c) => c.json({ error: 'Школа ещё не создана: откройте страницу настройки' }, 503));
  if (deps.staticDir && existsSync(deps.staticDir)) {
    const client = serveClientFiles(deps.staticDir);
    app.use('/*', client.files);
    app.get('*', client.shell);
  }
  return app;
}

/** Runs `fn` once the answer has been written (a real socket), or right away (`app.request`). */
function afterAnswer(c: Context, fn: () => void): void {
  const outgoing = (c.env as { outgoing?: NodeJS.EventEmitter } | undefined)?.outgoing;
  if (!outgoing) return queueMicrotask(fn);
  // 'close' too: a client that hangs up must not keep the real server from starting.
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  outgoing.once('finish', once);
  outgoing.once('close', once);
}
