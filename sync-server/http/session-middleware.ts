import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import { validateSessionToken, tokenFromCookieHeader, type ValidSession } from '../auth/sessions.ts';
import type { SessionRecord } from '../storage/port.ts';
import { isAllowedOrigin } from '../auth/origin.ts';
import type { Storage } from '../storage/port.ts';

export type AppEnv = { Variables: { auth: ValidSession | null } };

/** Resolves the session cookie (if any) into `c.var.auth`; a session found expired is told to `onExpired`. */
export function sessionMiddleware(
  storage: Storage,
  now: () => number = Date.now,
  onExpired?: (session: SessionRecord, c: Context<AppEnv>) => Promise<void>,
) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = tokenFromCookieHeader(c.req.header('cookie'));
    const expired = onExpired && ((s: SessionRecord) => onExpired(s, c));
    c.set('auth', token ? await validateSessionToken(storage, token, now(), expired) : null);
    await next();
  });
}

/** Refuses state-changing requests whose Origin is not the server's own (CSRF). */
export function originCheck(allowedOrigins: readonly string[]) {
  return createMiddleware(async (c, next) => {
    if (
      c.req.method !== 'GET' &&
      c.req.method !== 'HEAD' &&
      !isAllowedOrigin(c.req.header('origin'), c.req.header('host') ?? new URL(c.req.url).host, allowedOrigins)
    ) {
      throw new HTTPException(403, { message: 'Запрос с чужого адреса отклонён' });
    }
    await next();
  });
}

/** The signed-in user, or a 401 that the client turns into the sign-in page. */
export function requireAuth(auth: ValidSession | null): ValidSession {
  if (!auth) throw new HTTPException(401, { message: 'Требуется вход в систему' });
  return auth;
}
