import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { hashActivationCode, normalizeActivationCode } from '../auth/activation-codes.ts';
import { loginProblem, normalizeLogin, passwordProblem } from '../auth/credentials.ts';
import { hashPassword } from '../auth/passwords.ts';
import { createSession, SESSION_ABSOLUTE_MS, sessionCookie } from '../auth/sessions.ts';
import { sameStudentLink, studentLinksOf } from '../auth/student-links.ts';
import type { ActivationCodeRecord, UserRecord } from '../storage/port.ts';
import { newId } from './code-issue.ts';
import { publicUser, readBody, refuseIfDelayed, type IdentityDeps } from './identity-deps.ts';
import { requireAuth, type AppEnv } from './session-middleware.ts';

const WRONG_CODE = 'Код активации не подходит. Проверьте, что он введён без ошибок.';
const USED_CODE = 'Этот код уже использован. Попросите новый код.';

/**
 * The unused, unexpired code typed in a request, or a Russian 400. Codes can be guessed like
 * passwords: the same per-address delay applies (AUTH-21), and an unknown code counts as a failure.
 */
async function usableCode(deps: IdentityDeps, c: Context<AppEnv>, typed: string): Promise<ActivationCodeRecord> {
  const address = deps.clientAddress(c);
  const normalized = normalizeActivationCode(typed);
  const code = normalized ? await deps.storage.findActivationCode(hashActivationCode(normalized)) : null;
  if (!code) {
    await deps.throttle.fail(address);
    throw new HTTPException(400, { message: WRONG_CODE });
  }
  if (code.usedAt !== null) throw new HTTPException(400, { message: USED_CODE });
  if (deps.now() >= code.expiresAt) throw new HTTPException(400, { message: 'Срок действия кода истёк. Попросите новый код.' });
  return code;
}

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
    refuseIfDelayed(c, await throttle.waitMs(deps.clientAddress(c)));
    if (typeof body.code !== 'string' || typeof body.login !== 'string' || typeof body.password !== 'string') {
      throw new HTTPException(400, { message: 'Укажите код активации, логин и пароль' });
    }
    const code = await usableCode(deps, c, body.code);
    const now = deps.now();

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
        ...(code.studentLink ? { studentLinks: [code.studentLink] } : {}),
      };
    }
    const result = await storage.redeemActivationCode(code.id, now, user);
    if (result === 'used') throw new HTTPException(400, { message: USED_CODE });
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

  /**
   * AUTH-26: a signed-in parent's code for another child (`{code}`) adds that child to the same
   * account instead of making a second one: the code is used and the link added in one
   * transaction. Asked for explicitly, never inferred from a session, so that a second parent
   * activating their own code on a shared computer still gets an account of their own.
   */
  app.post('/auth/add-child', async (c) => {
    const { user } = requireAuth(c.get('auth'));
    const body = await readBody(c);
    refuseIfDelayed(c, await throttle.waitMs(deps.clientAddress(c)));
    if (typeof body.code !== 'string') throw new HTTPException(400, { message: 'Укажите код активации' });
    // A student account is one student's (its diary is its own): it never gains a second link.
    if (!user.roles.includes('parent') || user.roles.includes('student')) {
      throw new HTTPException(403, { message: 'Добавить ребёнка по коду может только родитель, вошедший в свою учётную запись' });
    }
    const code = await usableCode(deps, c, body.code);
    const link = code.studentLink;
    if (code.role !== 'parent' || code.userId !== null || !link) {
      throw new HTTPException(400, {
        message: 'Это не код для родителя. Код ученика активирует сам ученик: выйдите из своей учётной записи и откройте «Первый вход».',
      });
    }
    if (studentLinksOf(user).some((l) => sameStudentLink(l, link))) {
      throw new HTTPException(409, { message: 'Этот ребёнок уже есть в вашей учётной записи. Код остался неиспользованным.' });
    }
    const result = await storage.redeemActivationCodeAsLink(code.id, deps.now(), user.id, link);
    if (result === 'used') throw new HTTPException(400, { message: USED_CODE });
    await deps.accessLog.record(c, 'child-add', `class=${link.classId} student=${link.studentId}`);
    const updated = (await storage.findUserById(user.id)) ?? user;
    return c.json({ user: publicUser(updated) });
  });

  return app;
}
