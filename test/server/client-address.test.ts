import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddressOf } from '../../sync-server/http/client-address.ts';
import { readConfig } from '../../sync-server/config.ts';
import { SIGN_IN_DELAYS } from '../../sync-server/limits.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** What @hono/node-server passes: the peer's address. */
const peer = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

async function addressOf(trustProxy: number, forwardedFor?: string, from = '192.168.0.5'): Promise<string> {
  const app = new Hono().get('/', (c) => c.text(clientAddressOf(trustProxy)(c)));
  const res = await app.request('/', { headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }, peer(from));
  return res.text();
}

describe('the client address behind a proxy', () => {
  it('AUTH-23: without TRUST_PROXY the peer is the client, whatever X-Forwarded-For says', async () => {
    expect(await addressOf(0)).toBe('192.168.0.5');
    expect(await addressOf(0, '1.2.3.4')).toBe('192.168.0.5');
  });

  it('AUTH-23: with TRUST_PROXY=n the client is the n-th X-Forwarded-For entry from the right; what the client wrote left of it is ignored', async () => {
    expect(await addressOf(1, '10.9.9.9, 203.0.113.7')).toBe('203.0.113.7');
    expect(await addressOf(2, '10.9.9.9, 203.0.113.7, 172.16.0.2')).toBe('203.0.113.7');
    expect(await addressOf(2, '203.0.113.7')).toBe('203.0.113.7');
    expect(await addressOf(1)).toBe('192.168.0.5');
  });

  it('AUTH-23: TRUST_PROXY reads as a number of proxies; anything else stops the start', () => {
    expect(readConfig({}).trustProxy).toBe(0);
    expect(readConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(readConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(readConfig({ TRUST_PROXY: 'no' }).trustProxy).toBe(0);
    expect(() => readConfig({ TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY/);
  });

  describe('through the server', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ trustProxy: 1 });
    });
    afterAll(async () => {
      await server.dispose();
    });
    const login = (password: string, forwardedFor: string) =>
      server.app.request(
        '/api/auth/login',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'http://localhost', 'x-forwarded-for': forwardedFor },
          body: JSON.stringify({ login: `nobody-${Math.random()}`, password }),
        },
        peer('127.0.0.1'),
      );

    it('AUTH-21, AUTH-23: behind the proxy one delayed client does not delay the school behind the same proxy', async () => {
      for (let i = 0; i < SIGN_IN_DELAYS.address.free; i++) expect((await login('wrong', '203.0.113.7')).status).toBe(401);
      expect((await login('wrong', '203.0.113.7')).status).toBe(429);
      // A forged entry left of the proxy's does not dodge the delay.
      expect((await login('wrong', '198.51.100.1, 203.0.113.7')).status).toBe(429);
      expect((await login('wrong', '203.0.113.8')).status).toBe(401);
    });
  });
});
