import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staff } from '../../model/index.ts';
import { loadStoredDoc } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const SCHOOL = 'school/demo/2026';

/** SETUP-32: a staff member added by hand is the staff import of one row, with the administrator's code. */
describe('POST /api/staff', () => {
  let server: TestServer;
  const post = (cookie: string, body: unknown) =>
    server.app.request('/api/staff', {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('SETUP-32: the administrator adds a teacher: the account, the staff record of the year and a code that activates it', async () => {
    const res = await post(await server.login('admin'), { name: 'Зайцева  Анна Олеговна', roles: ['teacher'], login: '' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { staff: { userId: string; login: string }; code: string };
    expect(body.code).toMatch(/\w/);
    const user = await server.storage.findUserById(body.staff.userId);
    expect(user).toMatchObject({ name: 'Зайцева Анна Олеговна', roles: ['teacher'], disabled: false });
    expect(staff.get(await loadStoredDoc(server.storage, SCHOOL), body.staff.userId)).toEqual({
      name: 'Зайцева Анна Олеговна',
      short: 'Зайцева А. О.',
    });
    const activated = await server.app.request('/api/auth/activate', {
      method: 'POST',
      headers: { origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify({ code: body.code, login: 'zaitseva.ao', password: 'длинный пароль 2026' }),
    });
    expect(activated.status).toBe(200);
    expect((await server.storage.findUserById(body.staff.userId))?.login).toBe('zaitseva.ao');
  });

  it('SETUP-32: the deputy adds a teacher without a code, may not grant the administrator role, and a namesake needs a login', async () => {
    const deputy = await server.login('deputy');
    const ok = await post(deputy, { name: 'Киселёв Пётр Ильич', roles: ['teacher'], login: '' });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { code: unknown }).code).toBeNull();
    const admin = await post(deputy, { name: 'Орлов Иван Петрович', roles: ['admin'], login: '' });
    expect(admin.status).toBe(422);
    expect(((await admin.json()) as { error: string }).error).toContain('назначает и меняет роли только администратор');
    const again = await post(deputy, { name: 'Киселёв Пётр Ильич', roles: ['teacher'], login: '' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toContain('уже есть');
  });

  it('SETUP-32: bad input and other roles are refused and change nothing', async () => {
    const before = (await server.storage.listUsers()).length;
    const deputy = await server.login('deputy');
    expect((await post(deputy, { name: '', roles: ['teacher'] })).status).toBe(400);
    expect((await post(deputy, { name: 'Новиков Н. Н.', roles: ['parent'] })).status).toBe(400);
    expect((await post(deputy, { name: 'Новиков Н. Н.', roles: ['teacher'], login: 'a b' })).status).toBe(422);
    expect((await post(await server.login('teacher'), { name: 'Новиков Н. Н.', roles: ['teacher'] })).status).toBe(403);
    expect((await server.app.request('/api/staff', { method: 'POST', headers: { origin: 'http://localhost' } })).status).toBe(401);
    expect((await server.storage.listUsers()).length).toBe(before);
  });
});
