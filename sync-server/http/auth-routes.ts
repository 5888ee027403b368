import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { normalizeLogin } from '../auth/credentials.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { clearedSessionCookie, createSession, SESSION_ABSOLUTE_MS, sessionCookie } from '../auth/sessions.ts';
import type { Directory } from '../directory.ts';
import { publicUser, readBody, refuseIfDelayed, type IdentityDeps } from './identity-deps.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

/** A real hash verified when the login is unknown, so timing does not tell which logins exist. */
let dummyHash: Promise<string> | null = null;

/** Sign-in, sign-out (here or everywhere) and who am I. */
export function authRoutes(deps: IdentityDeps, directory: Directory) {
  const { storage, throttle, revocation } = deps;
  const app = new Hono<AppEnv>();

  app.post('/auth/login', async (c) => {
    const { login, password } = await readBody(c).catch(() => ({}) as Record<string, unknown>);
    if (typeof login !== 'string' || typeof password !== 'string' || login.length > 100 || password.length > 1000) {
      throw new HTTPException(400, { message: 'Укажите логин и пароль' });
    }
    const account = normalizeLogin(login);
    const address = deps.clientAddress(c);
    // AUTH-21: an attempt during its wait is refused before any password work, and is no failure.
    refuseIfDelayed(c, await throttle.waitMs(address, account));
    const user = await storage.findUserByLogin(account);
    const ok = await verifyPassword(user?.passwordHash || (await (dummyHash ??= hashPassword('no such user'))), password);
    if (!user || !ok || user.disabled) {
      await throttle.fail(address, account);
      // LOG-2: the login tried and why it failed; the password never leaves this function.
      const why = !user ? 'нет такого логина' : !ok ? 'неверный пароль' : 'учётная запись отключена';
      await deps.accessLog.record(c, 'sign-in-failed', why, { userId: user?.id ?? null, login: account });
      throw new HTTPException(401, { message: 'Неверный логин или пароль' });
    }
    await throttle.succeed(account);
    await deps.accessLog.record(c, 'sign-in', 'пароль', { userId: user.id, login: user.login });
    const { token } = await createSession(storage, user.id, deps.now());
    // The browser keeps the cookie for the absolute lifetime; inactivity is the server's to judge.
    c.header('Set-Cookie', sessionCookie(token, SESSION_ABSOLUTE_MS));
    return c.json({ user: publicUser(user) });
  });

  app.post('/auth/logout', async (c) => {
    const auth = c.get('auth');
    if (auth) {
      await storage.deleteSession(auth.session.id);
      revocation.closeSession(auth.session.id);
    }
    c.header('Set-Cookie', clearedSessionCookie());
    return c.json({ ok: true });
  });

  // AUTH-15: logout everywhere, e.g. after signing in on a computer that is not one's own.
  app.post('/auth/logout-all', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    await storage.deleteUserSessions(user.id);
    revocation.closeUser(user.id);
    c.header('Set-Cookie', clearedSessionCookie());
    return c.json({ ok: true });
  });

  app.get('/me', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    // YEAR-22: `?year=` lists another stored year's documents (past ones read-only).
    return c.json({ user: publicUser(user), documents: await directory.documentsFor(user, c.req.query('year')) });
  });

  return app;
}
