import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { clearedSessionCookie, createSession, sessionCookie } from '../auth/sessions.ts';
import type { Directory } from '../directory.ts';
import type { Storage, UserRecord } from '../storage/port.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

const publicUser = (u: UserRecord) => ({ id: u.id, login: u.login, name: u.name, roles: u.roles });

/** A real hash verified when the login is unknown, so timing does not tell which logins exist. */
let dummyHash: Promise<string> | null = null;

export function authRoutes(storage: Storage, directory: Directory) {
  const app = new Hono<AppEnv>();

  app.post('/auth/login', async (c) => {
    const body: unknown = await c.req.json().catch(() => null);
    const { login, password } = (body ?? {}) as Record<string, unknown>;
    if (typeof login !== 'string' || typeof password !== 'string' || login.length > 100 || password.length > 1000) {
      throw new HTTPException(400, { message: 'Укажите логин и пароль' });
    }
    const user = await storage.findUserByLogin(login.trim().toLowerCase());
    const ok = await verifyPassword(user?.passwordHash ?? (await (dummyHash ??= hashPassword('no such user'))), password);
    if (!user || !ok || user.disabled) throw new HTTPException(401, { message: 'Неверный логин или пароль' });
    const { token, session } = await createSession(storage, user.id);
    c.header('Set-Cookie', sessionCookie(token, session.expiresAt));
    return c.json({ user: publicUser(user) });
  });

  app.post('/auth/logout', async (c) => {
    const auth = c.get('auth');
    if (auth) await storage.deleteSession(auth.session.id);
    c.header('Set-Cookie', clearedSessionCookie());
    return c.json({ ok: true });
  });

  app.get('/me', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    return c.json({ user: publicUser(user), documents: await directory.documentsFor(user) });
  });

  return app;
}
