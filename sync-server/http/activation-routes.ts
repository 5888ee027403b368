import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { hashActivationCode, normalizeActivationCode } from '../auth/activation-codes.ts';
import { loginProblem, normalizeLogin, passwordProblem } from '../auth/credentials.ts';
import { hashPassword } from '../auth/passwords.ts';
import { createSession, SESSION_ABSOLUTE_MS, sessionCookie } from '../auth/sessions.ts';
import type { UserRecord } from '../storage/port.ts';
import { newId } from './code-issue.ts';
import { publicUser, readBody, refuseIfDelayed, type IdentityDeps } from './identity-deps.ts';
import type { AppEnv } from './session-middleware.ts';

const WRONG_CODE = 'Код активации не подходит. Проверьте, что он введён без ошибок.';

/**
 * `POST /api/auth/activate` {code, login, password} (AUTH-8, AUTH-9): a one-time code issued by
 * the administrator or a class teacher creates the account it describes (or gives an existing
 * one a new password), sets the chosen login and password and signs in.
 */
export function activationRoutes(deps: IdentityDeps) {
  const { storage, throttle, revocation } = deps;
  const app = new Hono<AppEnv>();

  app.post('/auth/activate', async (c) => {
    const body = await readBody(c);
    const address = deps.clientAddress(c);
    // Codes can be guessed like passwords: the same per-address delay applies (AUTH-21).
    refuseIfDelayed(c, await throttle.waitMs(address));
    if (typeof body.code !== 'string' || typeof body.login !== 'string' || typeof body.password !== 'string') {
      throw new HTTPException(400, { message: 'Укажите код активации, логин и пароль' });
    }
    const normalized = normalizeActivationCode(body.code);
    const code = normalized ? await storage.findActivationCode(hashActivationCode(normalized)) : null;
    if (!code) {
      await throttle.fail(address);
      throw new HTTPException(400, { message: WRONG_CODE });
    }
    const now = deps.now();
    if (code.usedAt !== null) throw new HTTPException(400, { message: 'Этот код уже использован. Попросите новый код.' });
    if (now >= code.expiresAt) throw new HTTPException(400, { message: 'Срок действия кода истёк. Попросите новый код.' });

    const login = normalizeLogin(body.login);
    const problem = loginProblem(login) ?? passwordProblem(body.password, login);
    if (problem) throw new HTTPException(400, { message: problem });

    const passwordHash = await hashPassword(body.password);
    let user: UserRecord;
    if (code.userId) {
      const existing = await storage.findUserById(code.userId);
      if (!existing) throw new HTTPException(400, { message: WRONG_CODE });
      if (existing.disabled) throw new HTTPException(403, { message: 'Учётная запись отключена. Обратитесь к администратору.' });
      user = { ...existing, login, passwordHash };
    } else {
      user = {
        id: newId('u'),
        login,
        name: code.name,
        roles: [code.role],
        passwordHash,
        disabled: false,
        ...(code.studentLink ? { studentLink: code.studentLink } : {}),
      };
    }
    const result = await storage.redeemActivationCode(code.id, now, user);
    if (result === 'used') throw new HTTPException(400, { message: 'Этот код уже использован. Попросите новый код.' });
    if (result === 'login-taken') throw new HTTPException(409, { message: 'Этот логин уже занят. Выберите другой.' });
    if (code.userId) {
      // A new password: sessions opened with the old one end, on every device.
      await storage.deleteUserSessions(user.id);
      revocation.closeUser(user.id);
    }
    const { token } = await createSession(storage, user.id, now);
    await deps.accessLog.record(c, 'sign-in', 'код активации', { userId: user.id, login: user.login });
    c.header('Set-Cookie', sessionCookie(token, SESSION_ABSOLUTE_MS));
    return c.json({ user: publicUser(user) });
  });

  return app;
}
