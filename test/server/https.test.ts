import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../sync-server/config.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';

/** Makes a self-signed certificate for 127.0.0.1 with the openssl CLI; null when there is none. */
function selfSigned(dir: string): { certFile: string; keyFile: string } | null {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ]),
      { stdio: 'pipe' },
    );
    return { certFile, keyFile };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'journal-tls-'));
const tls = selfSigned(dir);
if (!tls) {
  if (process.env.CI === 'true') throw new Error('AUTH-17 needs the openssl CLI to make a test certificate, and CI must run it');
  console.warn('\n*** AUTH-17 (HTTPS) SKIPPED: the openssl CLI is not installed, so no test certificate could be made ***\n');
}

/** POST over https trusting only the test certificate; resolves with status, cookie and body. */
function httpsPost(url: string, body: unknown, ca: Buffer, headers: Record<string, string>) {
  return new Promise<{ status: number; cookie: string; body: string }>((resolve, reject) => {
    const req = request(url, { method: 'POST', ca, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let data = '';
      res.on('data', (chunk: Buffer) => (data += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, cookie: String(res.headers['set-cookie'] ?? ''), body: data }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe.skipIf(!tls)('HTTPS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ tls: tls! });
  });
  afterAll(async () => {
    await server.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('AUTH-17: with TLS_CERT_FILE and TLS_KEY_FILE the server signs in over https and syncs over wss', async () => {
    expect(server.url.startsWith('https://')).toBe(true);
    const ca = readFileSync(tls!.certFile);
    const res = await httpsPost(`${server.origin}/api/auth/login`, { login: 'teacher', password: 'demo' }, ca, { origin: server.origin });
    expect(res.status).toBe(200);
    expect(res.cookie).toMatch(/^__Host-session=[a-z2-7]{32};.*Secure/);
    const cookie = res.cookie.split(';')[0];

    // wss: the ws client trusting the test certificate, with the cookie and Origin a browser sends.
    const wss = connectClient(server, 'journal/5b/2026', cookie, { ca });
    await synced(wss);
    expect(wss.provider.wsconnected).toBe(true);
    expect(wss.provider.url.startsWith('wss://')).toBe(true);
    wss.destroy();
  });

  it('AUTH-17: a certificate without its key is a configuration error, not plain HTTP', () => {
    expect(() => readConfig({ TLS_CERT_FILE: tls!.certFile })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE/);
    expect(readConfig({}).tls).toBeNull();
  });
});
