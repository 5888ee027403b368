import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** `<script>` tags without `src`: inline scripts, which the CSP would block. */
const inlineScripts = (html: string) => [...html.matchAll(/<script\b([^>]*)>/gi)].filter((m) => !/\bsrc=/i.test(m[1]));

/**
 * AUTH-20: every kind of answer — an API's JSON, an error, a file of the client, the app shell and
 * its fallback for client routes — carries the CSP without inline scripts, nosniff, no framing and
 * a same-origin referrer policy; the client itself has no inline script for the CSP to block.
 */
describe('security headers', () => {
  let server: TestServer;
  let staticDir = '';
  beforeAll(async () => {
    // A client shaped like the built one (vite: index.html naming external scripts, sw.js, assets/).
    staticDir = mkdtempSync(join(tmpdir(), 'journal-client-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script><div id="app"></div>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1);');
    writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    server = await startTestServer({ staticDir });
  });
  afterAll(async () => {
    await server.dispose();
    rmSync(staticDir, { recursive: true, force: true });
  });

  const expectSecure = (res: Response, what: string) => {
    const csp = res.headers.get('content-security-policy') ?? '';
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1];
    expect(scriptSrc, what).toBe("'self'");
    expect(csp, what).not.toContain('unsafe-inline');
    expect(csp, what).not.toContain('unsafe-eval');
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(csp, what).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(res.headers.get('x-frame-options'), what).toBe('DENY');
    expect(res.headers.get('referrer-policy'), what).toBe('same-origin');
  };

  it('AUTH-20: API JSON, errors, static files, the app shell and its fallback all carry the headers', async () => {
    const cookie = await server.login('teacher');
    const answers: Array<[string, Promise<Response>, number]> = [
      ['health', fetch(`${server.origin}/api/health`), 200],
      ['signed-in JSON', fetch(`${server.origin}/api/me`, { headers: { cookie } }), 200],
      ['401', fetch(`${server.origin}/api/me`), 401],
      ['404 API', fetch(`${server.origin}/api/no-such-thing`), 404],
      ['400', fetch(`${server.origin}/api/refused?state=nonsense`, { headers: { cookie } }), 400],
      ['403 origin', fetch(`${server.origin}/api/auth/logout`, { method: 'POST' }), 403],
      [
        '413',
        fetch(`${server.origin}/api/auth/login`, {
          method: 'POST',
          headers: { origin: server.origin, 'content-type': 'application/json' },
          body: 'x'.repeat(100_000),
        }),
        413,
      ],
      ['keys', fetch(`${server.origin}/.well-known/journal-keys.json`), 200],
      ['index.html', fetch(`${server.origin}/`), 200],
      ['client route', fetch(`${server.origin}/some/client/route`), 200],
      ['asset', fetch(`${server.origin}/assets/app.js`), 200],
      ['service worker', fetch(`${server.origin}/sw.js`), 200],
    ];
    for (const [what, pending, status] of answers) {
      const res = await pending;
      expect(res.status, what).toBe(status);
      expectSecure(res, what);
    }
  });

  it('AUTH-20: the client has no inline script (source, and the built one when it is there)', () => {
    expect(inlineScripts(readFileSync('client/index.html', 'utf8'))).toEqual([]);
    if (existsSync('dist/client/index.html')) expect(inlineScripts(readFileSync('dist/client/index.html', 'utf8'))).toEqual([]);
  });
});
