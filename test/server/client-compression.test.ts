import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** PWA-4: the client's files go out gzipped to a browser that accepts it, whole to one that does not. */
describe('the client compressed for slow networks', () => {
  let server: TestServer;
  let staticDir = '';
  const script = `export const words = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => `урок ${i}`))};\n`;

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'journal-client-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(
      join(staticDir, 'index.html'),
      `<!doctype html><script type="module" src="/assets/app.js"></script>${'<!-- shell -->'.repeat(200)}`,
    );
    writeFileSync(join(staticDir, 'assets', 'app.js'), script);
    server = await startTestServer({ staticDir });
  });

  afterAll(async () => {
    await server?.dispose();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('PWA-4: a script and the app shell are gzipped when accepted; the bytes are the file’s', async () => {
    const res = await server.app.request('/assets/app.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeLessThan(Buffer.byteLength(script) / 3);
    expect(gunzipSync(body).toString()).toBe(script);
    const shell = await server.app.request('/#/diary', { headers: { 'accept-encoding': 'gzip' } });
    expect(shell.headers.get('content-encoding')).toBe('gzip');
    const plain = await server.app.request('/assets/app.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });
});
