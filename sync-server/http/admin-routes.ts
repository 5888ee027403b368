import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { CloseCode, ROLE_NAMES, STAFF_ROLES, type Role } from '../../model/index.ts';
import type { UserPatch, UserRecord } from '../storage/port.ts';
import { issueCode, publicCode } from './code-issue.ts';
import { publicUser, readBody, requireAdmin, type IdentityDeps } from './identity-deps.ts';
import type { AppEnv } from './session-middleware.ts';

const isStaffRole = (r: unknown): r is Role => typeof r === 'string' && (STAFF_ROLES as readonly string[]).includes(r);
const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((r) => b.includes(r));

/** Failed sign-ins counted against a login and until when its next attempt waits (0: none). */
type SignInState = { failures: number; waitUntil: number };

/** A user as the administrator's page lists them, with their failed sign-ins when there are any. */
const adminView = (u: UserRecord, signIn?: SignInState) => ({
  ...publicUser(u),
  disabled: u.disabled,
  activated: u.passwordHash !== '',
  ...(signIn ? { signIn } : {}),
});

/** LOG-1: a change of roles (`login: old → new`) and an account disabled or enabled. */
async function logAccountChange(deps: IdentityDeps, c: Context<AppEnv>, user: UserRecord, patch: UserPatch): Promise<void> {
  const names = (roles: readonly Role[]) => roles.map((r) => ROLE_NAMES[r]).join(', ') || '—';
  if (patch.roles && !sameRoles(patch.roles, user.roles)) {
    await deps.accessLog.record(c, 'role-change', `${user.login}: ${names(user.roles)} → ${names(patch.roles)}`);
  }
  if (patch.disabled !== undefined && patch.disabled !== user.disabled) {
    await deps.accessLog.record(c, patch.disabled ? 'account-disabled' : 'account-enabled', user.login);
  }
}

/**
 * The administrator's API (AUTH-11): users, their staff roles and whether they may sign in,
 * and activation codes for staff. Families' codes are the class teacher's (class-code-routes).
 */
export function adminRoutes(deps: IdentityDeps) {
  const { storage, revocation, throttle } = deps;
  const app = new Hono<AppEnv>();

  app.get('/admin/users', async (c) => {
    requireAdmin(c.get('auth'));
    const users = await storage.listUsers();
    const signIns = await throttle.accounts(users.map((u) => u.login));
    return c.json({ users: users.map((u) => adminView(u, signIns.get(u.login))) });
  });

  // AUTH-24: the login's failed sign-ins are forgotten, so its owner may try again at once.
  app.post('/admin/users/:id/unlock', async (c) => {
    requireAdmin(c.get('auth'));
    const user = await storage.findUserById(c.req.param('id'));
    if (!user) throw new HTTPException(404, { message: 'Пользователь не найден' });
    await throttle.unlock(user.login);
    return c.json({ user: adminView(user) });
  });

  app.post('/admin/users/:id', async (c) => {
    const { user: admin } = requireAdmin(c.get('auth'));
    const body = await readBody(c);
    const user = await storage.findUserById(c.req.param('id'));
    if (!user) throw new HTTPException(404, { message: 'Пользователь не найден' });
    const patch: UserPatch = {};
    if (body.name !== undefined) {
      if (typeof body.name !== 'string' || !body.name.trim() || body.name.length > 200) {
        throw new HTTPException(400, { message: 'Укажите имя пользователя' });
      }
      patch.name = body.name.trim();
    }
    if (body.roles !== undefined) {
      if (!Array.isArray(body.roles) || !body.roles.every(isStaffRole)) {
        throw new HTTPException(400, { message: `Роли сотрудников: ${STAFF_ROLES.map((r) => ROLE_NAMES[r]).join(', ')}` });
      }
      // A parent's or student's role comes with their student link and stays.
      const family = user.roles.filter((r) => !STAFF_ROLES.includes(r));
      patch.roles = [...new Set<Role>([...family, ...body.roles])];
      if (user.id === admin.id && !patch.roles.includes('admin')) {
        throw new HTTPException(400, { message: 'Нельзя снять роль администратора с самого себя' });
      }
    }
    if (body.disabled !== undefined) {
      if (typeof body.disabled !== 'boolean') throw new HTTPException(400, { message: 'Некорректный запрос' });
      if (user.id === admin.id && body.disabled) throw new HTTPException(400, { message: 'Нельзя отключить собственную учётную запись' });
      patch.disabled = body.disabled;
    }
    await storage.updateUser(user.id, patch);
    await logAccountChange(deps, c, user, patch);
    if (patch.disabled && !user.disabled) {
      // AUTH-16: a disabled account is signed out everywhere at once.
      await storage.deleteUserSessions(user.id);
      revocation.closeUser(user.id, CloseCode.unauthenticated, 'account disabled');
    } else if (patch.roles && !sameRoles(patch.roles, user.roles)) {
      // The rights behind the open documents changed: the client stops and re-reads /api/me.
      revocation.closeUser(user.id, CloseCode.forbidden, 'roles changed');
    }
    const updated = (await storage.findUserById(user.id))!;
    return c.json({ user: adminView(updated, (await throttle.accounts([updated.login])).get(updated.login)) });
  });

  app.get('/admin/codes', async (c) => {
    requireAdmin(c.get('auth'));
    const now = deps.now();
    return c.json({ codes: (await storage.listActivationCodes({})).map((r) => publicCode(r, now)) });
  });

  // A staff code: for a new user (name and role) or an existing one (a new password).
  app.post('/admin/codes', async (c) => {
    const { user: admin } = requireAdmin(c.get('auth'));
    const body = await readBody(c);
    let spec: { userId: string | null; role: Role; name: string };
    if (body.userId !== undefined) {
      const user = typeof body.userId === 'string' ? await storage.findUserById(body.userId) : null;
      if (!user) throw new HTTPException(404, { message: 'Пользователь не найден' });
      if (user.disabled) throw new HTTPException(400, { message: 'Учётная запись отключена: сначала включите её' });
      spec = { userId: user.id, role: user.roles[0] ?? 'teacher', name: user.name };
    } else {
      if (!isStaffRole(body.role)) throw new HTTPException(400, { message: 'Выберите роль сотрудника' });
      if (typeof body.name !== 'string' || !body.name.trim() || body.name.length > 200) {
        throw new HTTPException(400, { message: 'Укажите фамилию, имя и отчество сотрудника' });
      }
      spec = { userId: null, role: body.role, name: body.name.trim() };
    }
    const { code, record } = await issueCode(storage, { ...spec, studentLink: null, issuedBy: admin.id }, deps.now());
    return c.json({ code, ...publicCode(record, deps.now()) });
  });

  return app;
}
