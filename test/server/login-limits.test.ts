import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../sync-server/auth/rate-limit.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { api } from '../helpers/api-client.ts';

describe('sign-in rate limits', () => {
  it('AUTH-10: a limiter refuses after max failures until its window ends, and forgets on reset', () => {
    let now = 0;
    const limiter = new FailureLimiter({ max: 3, windowMs: 1000 }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter('k')).toBe(0);
      limiter.fail('k');
    }
    expect(limiter.retryAfter('k')).toBe(1000);
    now = 400;
    expect(limiter.retryAfter('k')).toBe(600);
    expect(limiter.retryAfter('other')).toBe(0);
    now = 1000;
    expect(limiter.retryAfter('k')).toBe(0);
    limiter.fail('k');
    limiter.reset('k');
    expect(limiter.retryAfter('k')).toBe(0);
  });

  describe('over HTTP', () => {
    let server: TestServer;
    let clock = Date.now();
    const http = api(() => server);
    beforeAll(async () => {
      server = await startTestServer({ now: () => clock });
    });
    afterAll(async () => {
      await server.dispose();
    });
    const attempt = (login: string, password: string, address: string) =>
      http.post('/api/auth/login', { login, password }, undefined, address);

    it('AUTH-10: five wrong passwords lock the account for 15 minutes from every address, with Retry-After', async () => {
      for (let i = 0; i < 5; i++) expect((await attempt('teacher', 'wrong', `10.1.0.${i}`)).status).toBe(401);
      const locked = await attempt('teacher', 'demo', '10.1.0.99');
      expect(locked.status).toBe(429);
      expect(locked.json.error).toMatch(/Слишком много неудачных попыток.*15 мин/);
      expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
      // The login is compared as the server stores it: case and spaces do not dodge the limit.
      expect((await attempt(' TEACHER ', 'demo', '10.1.0.98')).status).toBe(429);
      // Other accounts are not affected.
      await http.login('deputy', 'demo', '10.1.0.99');
      clock += 15 * 60 * 1000;
      await http.login('teacher', 'demo', '10.1.0.99');
    });

    it('AUTH-10: a successful sign-in resets the account count', async () => {
      for (let i = 0; i < 4; i++) await attempt('history', 'wrong', '10.2.0.1');
      await http.login('history', 'demo', '10.2.0.1');
      for (let i = 0; i < 4; i++) expect((await attempt('history', 'wrong', '10.2.0.2')).status).toBe(401);
      await http.login('history', 'demo', '10.2.0.2');
    });

    it('AUTH-10: thirty failures from one address lock that address for every account, activation included', async () => {
      for (let i = 0; i < 30; i++) await attempt(`nobody${i}`, 'wrong', '10.3.0.1');
      expect((await attempt('biology', 'demo', '10.3.0.1')).status).toBe(429);
      const activate = await http.post('/api/auth/activate', { code: 'AAAAA-BBBBB', login: 'x', password: 'y' }, undefined, '10.3.0.1');
      expect(activate.status).toBe(429);
      // Another address signs in to the same account.
      await http.login('biology', 'demo', '10.3.0.2');
    });

    it('AUTH-10: wrong activation codes count against the address', async () => {
      for (let i = 0; i < 30; i++) {
        expect(
          (await http.post('/api/auth/activate', { code: 'AAAAA-BBBBB', login: 'x', password: 'y' }, undefined, '10.4.0.1')).status,
        ).toBe(400);
      }
      expect((await attempt('biology', 'demo', '10.4.0.1')).status).toBe(429);
    });
  });
});
