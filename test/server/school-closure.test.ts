import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closures } from '../../model/index.ts';
import { loadStoredDoc } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';

/** CLOSE-3: a period closed for the whole school at once. */
describe('closing a period for the whole school (CLOSE-3)', () => {
  let server: TestServer;
  const post = async (login: string, path: string, body: unknown) =>
    fetch(`${server.origin}${path}`, {
      method: 'POST',
      headers: { cookie: await server.login(login), origin: server.origin, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('CLOSE-3: `all` closes the period for every class of its grades (and only those), each journal gets a signed snapshot; reopening takes a reason', async () => {
    const res = await post('deputy', '/api/periods/close', { classId: 'all', periodId: 'q1' });
    expect(res.status).toBe(200);
    const { classes } = (await res.json()) as { classes: string[] };
    // q1 is for grades 1–9 in the demo: 1А and 5Б, not 10А (halves).
    expect(classes.sort()).toEqual(['1a', '5b']);
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    expect(closures.get(school, '1a:q1')).toBeDefined();
    expect(closures.get(school, '5b:q1')).toBeDefined();
    expect(closures.get(school, '10a:q1')).toBeUndefined();
    await waitFor(async () => {
      expect(await server.storage.latestSignedSnapshot('journal/1a/2026')).not.toBeNull();
      expect(await server.storage.latestSignedSnapshot('journal/5b/2026')).not.toBeNull();
    });
    expect((await post('deputy', '/api/periods/reopen', { classId: 'all', periodId: 'q1' })).status).toBe(400);
    expect(
      (await post('deputy', '/api/periods/reopen', { classId: 'all', periodId: 'q1', reason: 'исправление ошибки в отметках' })).status,
    ).toBe(200);
    expect(closures.get(await loadStoredDoc(server.storage, 'school/demo/2026'), '5b:q1')).toBeUndefined();
    expect((await post('teacher', '/api/periods/close', { classId: 'all', periodId: 'q1' })).status).toBe(403);
  });
});
