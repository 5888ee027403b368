import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delayAfter } from '../../sync-server/auth/rate-limit.ts';
import { SIGN_IN_DELAYS } from '../../sync-server/limits.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { api } from '../helpers/api-client.ts';

const { account, address } = SIGN_IN_DELAYS;

describe('sign-in delays', () => {
  it('AUTH-21: the free failures cost nothing, then each wait doubles up to its cap', () => {
    expect(delayAfter(account, account.free - 1)).toBe(0);
    expect(delayAfter(account, account.free)).toBe(account.firstDelayMs);
    expect(delayAfter(account, account.free + 1)).toBe(2 * account.firstDelayMs);
    expect(delayAfter(account, account.free + 3)).toBe(8 * account.firstDelayMs);
    expect(delayAfter(account, account.free + 100)).toBe(account.maxDelayMs);
    expect(account.maxDelayMs).toBeLessThanOrEqual(60_000);
    expect(delayAfter(address, address.free + 100)).toBe(address.maxDelayMs);
  });

  describe('over HTTP', () => {
    let server: TestServer;
    let clock = Date.now();
    const dataDir = mkdtempSync(join(tmpdir(), 'journal-sign-in-'));
    const http = api(() => server);
    const start = async () => {
      server = await startTestServer({ dataDir, now: () => clock });
    };
    beforeAll(start);
    afterAll(async () => {
      await server.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const attempt = (login: string, password: string, from: string) => http.post('/api/auth/login', { login, password }, undefined, from);
    /** `n` wrong passwords for `login`, each after the wait the one before earned. */
    const failTimes = async (n: number, login: string, from: (i: number) => string) => {
      for (let i = 0; i < n; i++) {
        const res = await attempt(login, 'wrong', from(i));
        if (res.status === 429) {
          clock += Number(res.headers.get('retry-after')) * 1000;
          i--;
          continue;
        }
        expect(res.status).toBe(401);
      }
    };

    it('AUTH-21: after five wrong passwords the next attempt waits, from any address; the right password after the wait succeeds', async () => {
      await failTimes(account.free, 'teacher', (i) => `10.1.0.${i}`);
      const delayed = await attempt('teacher', 'demo', '10.1.0.99');
      expect(delayed.status).toBe(429);
      expect(delayed.json.error).toBe('Слишком много неудачных попыток входа. Попробуйте снова через 1 с.');
      expect(Number(delayed.headers.get('retry-after'))).toBe(1);
      // The login is compared as the server stores it: case and spaces do not dodge the delay.
      expect((await attempt(' TEACHER ', 'demo', '10.1.0.98')).status).toBe(429);
      // Other accounts are not affected.
      await http.login('deputy', 'demo', '10.1.0.99');
      clock += 1000;
      await http.login('teacher', 'demo', '10.1.0.99');
    });

    it('AUTH-21: attempts during the wait neither count nor lengthen it; the wait doubles to its cap, never a lock', async () => {
      await failTimes(account.free + 1, 'history', () => '10.2.0.1');
      // Two failures past the free ones: a wait of two seconds.
      const first = await attempt('history', 'wrong', '10.2.0.2');
      expect(Number(first.headers.get('retry-after'))).toBe(2);
      for (let i = 0; i < 10; i++) expect((await attempt('history', 'wrong', `10.2.1.${i}`)).status).toBe(429);
      expect(Number((await attempt('history', 'demo', '10.2.0.3')).headers.get('retry-after'))).toBe(2);
      await failTimes(10, 'history', (i) => `10.2.2.${i}`);
      const capped = await attempt('history', 'demo', '10.2.0.4');
      expect(capped.status).toBe(429);
      expect(Number(capped.headers.get('retry-after'))).toBe(account.maxDelayMs / 1000);
      expect(capped.json.error).toBe('Слишком много неудачных попыток входа. Попробуйте снова через 1 мин.');
      clock += account.maxDelayMs;
      await http.login('history', 'demo', '10.2.0.4');
      // The success forgot the count: the next wrong password is free again.
      expect((await attempt('history', 'wrong', '10.2.0.4')).status).toBe(401);
      await http.login('history', 'demo', '10.2.0.4');
    });

    it('AUTH-21: failures from one address for many accounts delay that address only, never another', async () => {
      for (let i = 0; i < address.free; i++) expect((await attempt(`nobody${i}`, 'wrong', '10.3.0.1')).status).toBe(401);
      expect((await attempt('biology', 'demo', '10.3.0.1')).status).toBe(429);
      const activate = await http.post('/api/auth/activate', { code: 'AAAAA-BBBBB', login: 'x', password: 'y' }, undefined, '10.3.0.1');
      expect(activate.status).toBe(429);
      // Another address signs in to the same account, and to each account the first one tried.
      await http.login('biology', 'demo', '10.3.0.2');
      expect((await attempt('nobody0', 'wrong', '10.3.0.2')).status).toBe(401);
    });

    it('AUTH-21: wrong activation codes count against the address', async () => {
      for (let i = 0; i < address.free; i++) {
        const res = await http.post('/api/auth/activate', { code: 'AAAAA-BBBBB', login: 'x', password: 'y' }, undefined, '10.4.0.1');
        expect(res.status).toBe(400);
      }
      expect((await attempt('biology', 'demo', '10.4.0.1')).status).toBe(429);
    });

    it('AUTH-22: the counts are in the store and survive a restart of the server', async () => {
      await failTimes(account.free + 2, 'english1', () => '10.5.0.1');
      const before = await attempt('english1', 'demo', '10.5.0.2');
      expect(before.status).toBe(429);
      await server.dispose();
      await start();
      const after = await attempt('english1', 'demo', '10.5.0.2');
      expect(after.status).toBe(429);
      expect(after.headers.get('retry-after')).toBe(before.headers.get('retry-after'));
      clock += Number(after.headers.get('retry-after')) * 1000;
      await http.login('english1', 'demo', '10.5.0.2');
    });

    it('AUTH-24: the administrator sees the delayed login and lifts the delay; no other role may', async () => {
      await failTimes(account.free + 3, 'english2', () => '10.6.0.1');
      expect((await attempt('english2', 'demo', '10.6.0.1')).status).toBe(429);
      const admin = await http.login('admin', 'demo', '10.6.9.9');
      const listed = (await http.get('/api/admin/users', admin)).json.users as Array<{
        id: string;
        login: string;
        signIn?: { failures: number; waitUntil: number };
      }>;
      const english2 = listed.find((u) => u.login === 'english2')!;
      expect(english2.signIn).toEqual({ failures: account.free + 3, waitUntil: expect.any(Number) });
      expect(english2.signIn!.waitUntil).toBeGreaterThan(clock);
      expect(listed.find((u) => u.login === 'geography')?.signIn).toBeUndefined();

      const unlock = (cookie?: string, id = english2.id) => http.post(`/api/admin/users/${id}/unlock`, {}, cookie);
      expect((await unlock()).status).toBe(401);
      for (const login of ['teacher', 'deputy', 'director']) {
        const res = await unlock(await http.login(login, 'demo', '10.6.9.8'));
        expect(res.status).toBe(403);
        expect(res.json.error).toBe('Доступно только администратору');
      }
      expect((await attempt('english2', 'demo', '10.6.0.1')).status).toBe(429);
      expect((await unlock(admin, 'u-nobody')).status).toBe(404);

      const res = await unlock(admin);
      expect(res.status).toBe(200);
      expect(res.json.user).not.toHaveProperty('signIn');
      await http.login('english2', 'demo', '10.6.0.1');
    });
  });
});
