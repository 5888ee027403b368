import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_TTL_MS } from '../../sync-server/auth/activation-codes.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { api } from '../helpers/api-client.ts';

/** Activation codes for staff, issued by the administrator; the password set on activation. */
describe('activation', () => {
  let server: TestServer;
  let clock = Date.now();
  const http = api(() => server);
  let admin = '';

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock });
    admin = await http.login('admin');
  });
  afterAll(async () => {
    await server.dispose();
  });

  const issue = async (body: unknown) => {
    const res = await http.post('/api/admin/codes', body, admin);
    expect(res.status).toBe(200);
    return res.json as { code: string; id: string; expiresAt: number; state: string };
  };

  it('AUTH-8: a staff code is random and typeable, creates the user once and signs them in', async () => {
    const { code, expiresAt, state } = await issue({ name: 'Иванова Мария Петровна', role: 'teacher' });
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(state).toBe('active');
    expect(expiresAt - clock).toBe(CODE_TTL_MS);
    // Case, spaces and dashes as typed do not matter.
    const typed = ` ${code.toLowerCase().replace('-', ' ')} `;
    const res = await http.post('/api/auth/activate', { code: typed, login: 'Ivanova', password: 'Kvadrat-2026' });
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ login: 'ivanova', name: 'Иванова Мария Петровна', roles: ['teacher'] });
    const cookie = http.cookieOf(res.headers);
    expect(cookie).toMatch(/^__Host-session=/);
    expect((await http.get('/api/me', cookie)).status).toBe(200);
    // The password works for signing in, the code never again.
    await http.login('ivanova', 'Kvadrat-2026');
    const again = await http.post('/api/auth/activate', { code, login: 'other', password: 'Kvadrat-2026' });
    expect(again.status).toBe(400);
    expect(again.json.error).toContain('уже использован');
    const listed = (await http.get('/api/admin/codes', admin)).json.codes as Array<{ code?: string; state: string; usedBy: string }>;
    expect(listed[0].state).toBe('used');
    // The list never shows a code (only its hash is stored).
    expect(JSON.stringify(listed)).not.toContain(code);
  });

  it('AUTH-8: an expired code, an unknown code and a malformed one are refused', async () => {
    const { code } = await issue({ name: 'Петров Пётр Петрович', role: 'teacher' });
    clock += CODE_TTL_MS;
    const expired = await http.post('/api/auth/activate', { code, login: 'petrov', password: 'Kvadrat-2026' });
    clock -= CODE_TTL_MS;
    expect(expired.status).toBe(400);
    expect(expired.json.error).toContain('Срок действия кода истёк');
    const wrong = await http.post('/api/auth/activate', { code: 'AAAAA-BBBBB', login: 'petrov', password: 'Kvadrat-2026' });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toContain('не подходит');
    expect((await http.post('/api/auth/activate', { code: '0000', login: 'petrov', password: 'Kvadrat-2026' })).status).toBe(400);
    expect((await http.post('/api/auth/activate', { code: 5 })).status).toBe(400);
  });

  it('AUTH-9: a weak password, a bad login or a taken login leave the code unused', async () => {
    const { code } = await issue({ name: 'Сидорова Анна Ивановна', role: 'psychologist' });
    const cases: Array<[string, string, string]> = [
      ['sidorova', 'short1', 'не короче 8'],
      ['sidorova', 'sidorova-2026', 'не должен содержать логин'],
      ['sidorova', 'aaaaaaaaaa', 'слишком простой'],
      ['a b', 'Kvadrat-2026', 'Логин'],
    ];
    for (const [login, password, message] of cases) {
      const res = await http.post('/api/auth/activate', { code, login, password });
      expect(res.status, password).toBe(400);
      expect(res.json.error).toContain(message);
    }
    const taken = await http.post('/api/auth/activate', { code, login: 'teacher', password: 'Kvadrat-2026' });
    expect(taken.status).toBe(409);
    expect(taken.json.error).toContain('логин уже занят');
    const ok = await http.post('/api/auth/activate', { code, login: 'sidorova', password: 'Kvadrat-2026' });
    expect(ok.status).toBe(200);
    expect(ok.json.user).toMatchObject({ roles: ['psychologist'] });
  });

  it('AUTH-8: a code for an existing user gives a new password and ends their old sessions', async () => {
    const users = (await http.get('/api/admin/users', admin)).json.users as Array<{ id: string; login: string }>;
    const english = users.find((u) => u.login === 'english2')!;
    const oldCookie = await http.login('english2');
    const { code } = await issue({ userId: english.id });
    const res = await http.post('/api/auth/activate', { code, login: 'english2', password: 'Novyj-parol-7' });
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ id: english.id, roles: ['teacher'] });
    expect((await http.get('/api/me', oldCookie)).status).toBe(401);
    await http.login('english2', 'Novyj-parol-7');
    expect((await http.post('/api/auth/login', { login: 'english2', password: 'demo' })).status).toBe(401);
  });
});
