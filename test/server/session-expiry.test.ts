import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_TTL_MS } from '../../sync-server/auth/sessions.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { api } from '../helpers/api-client.ts';

const HOUR = 3_600_000;

describe('session lifetime', () => {
  let server: TestServer;
  let clock = Date.now();
  const http = api(() => server);
  beforeAll(async () => {
    server = await startTestServer({ now: () => clock });
  });
  afterAll(async () => {
    await server.dispose();
  });
  const me = async (cookie: string) => (await http.get('/api/me', cookie)).status;

  it('AUTH-12: a session unused for the inactivity window expires; use pushes the window on', async () => {
    expect(SESSION_TTL_MS).toBe(7 * 24 * HOUR);
    const idle = await http.login('teacher');
    const busy = await http.login('teacher');
    clock += SESSION_TTL_MS - HOUR;
    expect(await me(busy)).toBe(200);
    clock += 2 * HOUR;
    expect(await me(idle)).toBe(401);
    expect(await me(busy)).toBe(200);
  });

  it('AUTH-13: however busy, a session ends at its absolute lifetime; the cookie lasts as long', async () => {
    expect(SESSION_ABSOLUTE_MS).toBe(30 * 24 * HOUR);
    const res = await http.post('/api/auth/login', { login: 'deputy', password: 'demo' });
    // Max-Age counts from the browser's receipt, whatever its clock says (AUTH-13).
    expect(res.headers.get('set-cookie')).toContain(`Max-Age=${SESSION_ABSOLUTE_MS / 1000}`);
    expect(res.headers.get('set-cookie')).not.toContain('Expires=');
    const cookie = http.cookieOf(res.headers);
    for (let day = 0; day < 29; day++) {
      clock += 24 * HOUR;
      expect(await me(cookie)).toBe(200);
    }
    clock += 24 * HOUR;
    expect(await me(cookie)).toBe(401);
  });

  it('AUTH-15: logout everywhere ends every session of the user, not other users’', async () => {
    const a = await http.login('english1');
    const b = await http.login('english1');
    const other = await http.login('english2');
    expect((await http.post('/api/auth/logout-all', {})).status).toBe(401);
    const res = await http.post('/api/auth/logout-all', {}, a);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('Max-Age=0');
    expect(await me(a)).toBe(401);
    expect(await me(b)).toBe(401);
    expect(await me(other)).toBe(200);
  });
});
