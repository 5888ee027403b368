import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { IMPORT_COLUMNS, STAFF_ROLES, type Role, type StaffPlan } from '../../model/index.ts';
import type { ImportDeps } from '../import/import-deps.ts';
import { applyImport, planImport } from '../import/run-import.ts';
import { issueCode, publicCode } from './code-issue.ts';
import { readBody } from './identity-deps.ts';
import type { AppEnv } from './session-middleware.ts';

const isStaffRole = (r: unknown): r is Role => typeof r === 'string' && (STAFF_ROLES as readonly string[]).includes(r);

/**
 * `POST /api/staff` (SETUP-32): a staff member added by hand on «Учебный год → Сотрудники».
 * It is the staff import of one row (IMP-8: the same checks — namesakes, logins, who may grant
 * which role — and the same writes: the account, then the staff record of the school year), so
 * the deputy can name the new teacher in the load before they have ever signed in. The
 * administrator also gets the new account's activation code, shown once (AUTH-11).
 */
export function staffRoutes(deps: ImportDeps & { now: () => number }) {
  const app = new Hono<AppEnv>();
  app.post('/staff', async (c) => {
    const auth = c.get('auth');
    if (!auth) throw new HTTPException(401, { message: 'Требуется вход в систему' });
    const { user, session } = auth;
    if (!user.roles.some((r) => r === 'admin' || r === 'deputy')) {
      throw new HTTPException(403, { message: 'Сотрудников добавляют администратор и заместитель директора' });
    }
    const body = await readBody(c);
    const name = typeof body.name === 'string' ? body.name.trim().replace(/\s+/g, ' ') : '';
    const roles = Array.isArray(body.roles) ? body.roles : [];
    const login = typeof body.login === 'string' ? body.login.trim() : '';
    if (!name || name.length > 200) throw new HTTPException(400, { message: 'Укажите фамилию, имя и отчество сотрудника' });
    if (roles.length === 0 || !roles.every(isStaffRole)) throw new HTTPException(400, { message: 'Выберите должность (роль) сотрудника' });
    const header = IMPORT_COLUMNS.staff.map((col) => col.title);
    const rows = [header, [name, roles.join(', '), login]];
    const importer = { userId: user.id, sessionId: session.id, roles: user.roles };
    const { plan, errors } = await planImport(deps, 'staff', rows, importer);
    // The row's problems, without the «Строка 2:» a one-row form does not need.
    if (!plan) return c.json({ error: errors.map((e) => e.message.replace(/^Строка \d+: /, '')).join('; ') }, 422);
    const entry = (plan as StaffPlan).entries[0];
    if (!entry.isNew) return c.json({ error: `Сотрудник «${entry.name}» уже есть (логин ${entry.login})` }, 409);
    await applyImport(deps, 'staff', plan, importer, 'страница «Сотрудники»');
    const added = { userId: entry.userId, login: entry.login, name: entry.name };
    if (!user.roles.includes('admin')) return c.json({ staff: added, code: null });
    const spec = { userId: entry.userId, role: roles[0] as Role, name: entry.name, studentLink: null, issuedBy: user.id };
    const { code, record } = await issueCode(deps.storage, spec, deps.now());
    return c.json({ staff: added, code, ...publicCode(record, deps.now()) });
  });
  return app;
}
