import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../sync-server/log.ts';
import { api } from '../helpers/api-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';

/** The server's log lines, as pino would write them to stdout, kept in memory. */
function memoryLog() {
  const lines: string[] = [];
  const destination = { write: (line: string) => void lines.push(line) };
  return {
    lines,
    logger: createLogger({ level: 'debug', destination }),
    parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('OPS-3: structured logs', () => {
  let server: TestServer;
  const log = memoryLog();
  const http = api(() => server);
  beforeAll(async () => {
    server = await startTestServer({ logger: log.logger });
  });
  afterAll(() => server.dispose());

  it('OPS-3: a sign-in is one JSON line with its request id, route, status and time, and nothing of the person', async () => {
    log.lines.length = 0;
    const res = await server.app.request(
      '/api/auth/login',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost' },
        body: JSON.stringify({ login: 'teacher', password: 'demo' }),
      },
      { incoming: { socket: { remoteAddress: '10.9.8.7' } } },
    );
    expect(res.status).toBe(200);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    const line = log.parsed().find((l) => l.route === '/api/auth/login');
    expect(line).toMatchObject({ level: 'info', msg: 'request', method: 'POST', status: 200 });
    expect(typeof line!.ms).toBe('number');
    // The id the client got back is the one in the log: a support request can quote it.
    expect(line!.reqId).toBe(res.headers.get('x-request-id'));
    expect(line!.reqId).toMatch(/^[\w-]{8,}$/);
    const all = log.lines.join('\n');
    for (const secret of ['teacher', 'demo', 'Смирнова', '10.9.8.7', cookie.split('=')[1]]) expect(all).not.toContain(secret);
  });

  it('OPS-3: a failed sign-in and a query string leave neither the login tried nor the code in the log', async () => {
    log.lines.length = 0;
    const failed = await http.post('/api/auth/login', { login: 'ivanov.petr', password: 'K7M3P-XQ9RT' });
    expect(failed.status).toBe(401);
    await http.get('/api/no-such-route?code=K7M3P-XQ9RT&token=abc123secret');
    const lines = log.parsed();
    expect(lines.map((l) => [l.method, l.route, l.status])).toEqual([
      ['POST', '/api/auth/login', 401],
      ['GET', '/api/*', 404],
    ]);
    const all = log.lines.join('\n');
    for (const secret of ['ivanov', 'K7M3P', 'abc123secret', 'no-such-route']) expect(all).not.toContain(secret);
  });

  it('OPS-3: an error inside a request is logged at error with the same request id as its request line', async () => {
    const cookie = await http.login('admin');
    log.lines.length = 0;
    const spy = vi.spyOn(server.storage, 'listUsers').mockRejectedValueOnce(new Error('disk on fire'));
    try {
      const res = await server.app.request('/api/admin/users', { headers: { cookie, origin: 'http://localhost' } });
      expect(res.status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    const lines = log.parsed();
    const error = lines.find((l) => l.level === 'error');
    const request = lines.find((l) => l.route === '/api/admin/users');
    expect(error).toMatchObject({ msg: 'disk on fire', err: { type: 'Error', message: 'disk on fire' } });
    expect(request).toMatchObject({ status: 500 });
    expect(error!.reqId).toBe(request!.reqId);
  });

  it('OPS-3: health probes are logged at debug only', async () => {
    log.lines.length = 0;
    await server.app.request('/api/health');
    expect(log.parsed()).toMatchObject([{ level: 'debug', route: '/api/health', status: 200 }]);
  });

  it('OPS-3: a sync socket is one request line; its document loaded and unloaded are debug lines with the document name', async () => {
    const cookie = await server.login('teacher');
    log.lines.length = 0;
    const client = connectClient(server, 'journal/5b/2026', cookie);
    await synced(client);
    client.destroy();
    await waitFor(() => expect(log.parsed()).toContainEqual(expect.objectContaining({ msg: 'document unloaded', doc: 'journal/5b/2026' })));
    const lines = log.parsed();
    expect(lines).toContainEqual(expect.objectContaining({ level: 'debug', msg: 'document loaded', doc: 'journal/5b/2026' }));
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', method: 'GET', route: '/sync/:kind/:id/:year', status: 200 }));
    expect(log.lines.join('\n')).not.toContain(cookie.split('=')[1]);
  });
});
