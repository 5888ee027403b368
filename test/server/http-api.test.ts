import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** The HTTP API through `app.request`, no sockets (sign-in, me, logout, origin checks). */
describe('HTTP API', () => {
  let server: TestServer;
  const ORIGIN = 'http://localhost';
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    server.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const me = (cookie?: string) => server.app.request('/api/me', { headers: cookie ? { cookie } : {} });
  const login = async (name: string) =>
    (await post('/api/auth/login', { login: name, password: 'demo' })).headers.get('set-cookie')!.split(';')[0];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('AUTH-0: GET /api/health answers 200', async () => {
    const res = await server.app.request('/api/health');
    expect(res.status).toBe(200);
  });

  it('AUTH-1: a correct login sets a __Host- HttpOnly Secure SameSite cookie', async () => {
    const res = await post('/api/auth/login', { login: 'teacher', password: 'demo' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-session=[a-z2-7]{32};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    const body = (await res.json()) as { user: { login: string; roles: string[] } };
    expect(body.user.login).toBe('teacher');
    expect(body.user.roles).toEqual(['teacher']);
  });

  it('AUTH-2: a wrong password, an unknown login and a malformed body get clear errors', async () => {
    const wrong = await post('/api/auth/login', { login: 'teacher', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toBe('Неверный логин или пароль');
    expect((await post('/api/auth/login', { login: 'nobody', password: 'demo' })).status).toBe(401);
    expect((await post('/api/auth/login', '{not json')).status).toBe(400);
    expect((await post('/api/auth/login', { login: 5 })).status).toBe(400);
  });

  it('AUTH-3: a state-changing request from a foreign or missing Origin is refused', async () => {
    expect((await post('/api/auth/login', { login: 'teacher', password: 'demo' }, { origin: 'http://evil.example' })).status).toBe(403);
    const noOrigin = await server.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'teacher', password: 'demo' }),
    });
    expect(noOrigin.status).toBe(403);
  });

  it('AUTH-4: /api/me needs a session and lists the documents the user may open', async () => {
    expect((await me()).status).toBe(401);
    expect((await me('__Host-session=abcdefghijklmnopqrstuvwxyz234567')).status).toBe(401);
    const res = await me(await login('teacher'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      user: { login: string };
      documents: Array<{ name: string; kind: string; access: string; title: string }>;
    };
    expect(body.user.login).toBe('teacher');
    expect(body.documents).toContainEqual(expect.objectContaining({ name: 'school/demo/2026', kind: 'school', access: 'read' }));
    expect(body.documents).toContainEqual(expect.objectContaining({ name: 'journal/5b/2026', kind: 'journal', access: 'write' }));
    // The main demo teacher does not teach grade 1: that journal is not theirs at all.
    expect(body.documents.map((d) => d.name)).not.toContain('journal/1a/2026');
  });

  it('ACC-4: the deputy opens every journal for writing (remarks; what they may change is PERM-*)', async () => {
    const body = (await (await me(await login('deputy'))).json()) as { documents: Array<{ name: string; access: string }> };
    const journals = body.documents.filter((d) => d.name.startsWith('journal/'));
    expect(journals.map((d) => d.name).sort()).toEqual(['journal/10a/2026', 'journal/1a/2026', 'journal/5b/2026']);
    expect(journals.every((d) => d.access === 'write')).toBe(true);
  });

  it('ACC-2: the substitute writes the journal of the class they substitute in', async () => {
    const body = (await (await me(await login('substitute'))).json()) as { documents: Array<{ name: string; access: string }> };
    expect(body.documents).toContainEqual(expect.objectContaining({ name: 'journal/5b/2026', access: 'write' }));
  });

  it('AUTH-5: logout ends the session on the server', async () => {
    const cookie = await login('teacher');
    expect((await me(cookie)).status).toBe(200);
    const res = await post('/api/auth/logout', {}, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await me(cookie)).status).toBe(401);
  });

  it('AUTH-6: unknown API paths answer 404 JSON', async () => {
    const res = await server.app.request('/api/nothing-here');
    expect(res.status).toBe(404);
  });
});
