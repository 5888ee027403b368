import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_MAX_BYTES, BODY_MAX_BYTES_SIGNED_OUT, bodyTooLargeText } from '../../sync-server/limits.ts';
import { sendOversizedBody } from '../helpers/oversized-body.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const MiB = 1024 * 1024;
const rssMiB = () => process.memoryUsage().rss / MiB;

/**
 * AUTH-19 through the real server on a real socket: an oversized body is refused with 413 and a
 * Russian message after at most the route's bound is read, so eight 100 MB sign-in bodies leave
 * the server's memory where it was (the server runs in this process: its RSS is ours).
 */
describe('request body limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  const post = (path: string, body: string, cookie = '') =>
    fetch(`${server.origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.origin, ...(cookie ? { cookie } : {}) },
      body,
    });

  it('AUTH-19: eight 100 MB sign-in bodies, chunked or with a length, are refused with 413 without being read; memory stays bounded', async () => {
    global.gc?.();
    const before = rssMiB();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        sendOversizedBody(server.origin, i % 2 ? '/api/auth/login' : '/api/auth/activate', {
          bytes: 100 * MiB,
          chunked: i < 4,
          headers: { Origin: server.origin },
        }),
      ),
    );
    const after = rssMiB();
    for (const a of answers) {
      expect(a.status).toBe(413);
      expect(a.headers['connection']).toBe('close');
      expect(JSON.parse(a.body)).toEqual({ error: bodyTooLargeText(BODY_MAX_BYTES_SIGNED_OUT) });
      expect(a.body).toContain('Запрос больше 4 КБ');
      // What the client could write at all before the answer: the sockets' buffers, not the body.
      expect(a.bytesSent).toBeLessThan(32 * MiB);
    }
    // Before the limit the same eight bodies took the server from 185 to 1,161 MB.
    expect(after - before).toBeLessThan(100);
  });

  it('AUTH-19: a signed-in JSON body over its bound is refused; one within it is read; the imports keep their own 5 MB', async () => {
    const deputy = await server.login('deputy');
    const big = JSON.stringify({ reason: 'x'.repeat(BODY_MAX_BYTES) });
    const refused = await post('/api/refused/nothing/dismiss', big, deputy);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({ error: bodyTooLargeText(BODY_MAX_BYTES) });
    // Within the bound the route reads it and answers for itself.
    const read = await post('/api/refused/nothing/dismiss', JSON.stringify({ reason: 'Ошибка учителя' }), deputy);
    expect(read.status).toBe(404);
    // A 1 MB import file is over the JSON bound but within the import's own, which reads it.
    const csv = `ФИО;Роль\n${'Иванов Иван Иванович;учитель\n'.repeat(20_000)}`;
    expect(Buffer.byteLength(csv)).toBeGreaterThan(BODY_MAX_BYTES);
    const imported = await fetch(`${server.origin}/api/import/staff?dryRun=1`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', origin: server.origin, cookie: deputy },
      body: csv,
    });
    expect(imported.status).not.toBe(413);
    // Signed out, the same file is refused at the signed-out bound before the import route.
    const signedOut = await fetch(`${server.origin}/api/import/staff?dryRun=1`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', origin: server.origin },
      body: csv,
    });
    expect(signedOut.status).toBe(413);
  });

  it('AUTH-19: after the refused bodies the server answers an honest sign-in', async () => {
    const res = await post('/api/auth/login', JSON.stringify({ login: 'teacher', password: 'demo' }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { id: string } }).user.id).toBe('u-teacher');
  });
});
