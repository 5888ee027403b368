import type { TestServer } from './test-server.ts';

/** `app.request` helpers for the identity tests: JSON in, JSON out, the right Origin. */
export function api(server: () => TestServer, origin = 'http://localhost') {
  const request = async (method: string, path: string, opts: { body?: unknown; cookie?: string; address?: string } = {}) => {
    const res = await server().app.request(
      path,
      {
        method,
        headers: {
          'content-type': 'application/json',
          origin,
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
        },
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      },
      // What @hono/node-server would pass: the peer's address, for the per-address limit.
      { incoming: { socket: { remoteAddress: opts.address ?? '10.0.0.1' } } },
    );
    const json = (await res.json().catch(() => null)) as Record<string, unknown> & { error?: string };
    return { status: res.status, json, headers: res.headers };
  };
  const cookieOf = (headers: Headers) => (headers.get('set-cookie') ?? '').split(';')[0];
  return {
    get: (path: string, cookie?: string) => request('GET', path, { cookie }),
    post: (path: string, body: unknown, cookie?: string, address?: string) => request('POST', path, { body, cookie, address }),
    cookieOf,
    async login(login: string, password = 'demo', address?: string) {
      const res = await request('POST', '/api/auth/login', { body: { login, password }, address });
      if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${res.json?.error}`);
      return cookieOf(res.headers);
    },
  };
}
