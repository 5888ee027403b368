import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/** The deputy's and the history's HTTP entry points refuse bad input clearly and change nothing. */
describe('rights and history API: bad input', () => {
  let server: TestServer;
  const ORIGIN = 'http://localhost';
  const post = (path: string, cookie: string, body: unknown) =>
    server.app.request(path, {
      method: 'POST',
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const get = (path: string, cookie: string) => server.app.request(path, { headers: { cookie } });
  const error = async (res: Response) => ((await res.json()) as { error: string }).error;

  beforeAll(async () => {
    server = await startTestServer();
    await server.storage.appendRefused([
      {
        id: 'r1',
        docName: 'journal/5b/2026',
        path: 'marks/261103.2.math:ab12cd:0',
        value: [5, 'oral', 1],
        oldValue: undefined,
        userId: 'u-teacher',
        sessionId: 's',
        reason: 'period-closed',
        detail: 'период закрыт',
        clientTime: null,
        serverTime: 1,
        state: 'open',
        resolvedBy: null,
        resolvedAt: null,
        resolution: null,
      },
    ]);
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('PERM-10: only the deputy resolves refused changes, with a reason, once', async () => {
    const teacher = await server.login('teacher');
    const deputy = await server.login('deputy');
    const notDeputy = await post('/api/refused/r1/apply', teacher, { reason: 'хочу' });
    expect(notDeputy.status).toBe(403);
    expect(await error(notDeputy)).toBe('Это может только заместитель директора');
    for (const body of [{}, { reason: '' }, { reason: 'a' }, '{not json']) {
      const res = await post('/api/refused/r1/apply', deputy, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await error(res)).toMatch(/^Укажите причину/);
    }
    expect((await post('/api/refused/nope/dismiss', deputy, { reason: 'нет такого' })).status).toBe(404);
    expect((await server.storage.findRefused('r1'))?.state).toBe('open');
    expect((await post('/api/refused/r1/dismiss', deputy, { reason: 'ошибка ввода' })).status).toBe(200);
    const again = await post('/api/refused/r1/apply', deputy, { reason: 'передумала' });
    expect(again.status).toBe(409);
    expect((await server.storage.findRefused('r1'))?.state).toBe('dismissed');
    expect((await get('/api/refused?state=everything', deputy)).status).toBe(400);
  });

  it('SCH-9: closing a period needs the deputy, a real period and a real class; reopening a reason', async () => {
    const deputy = await server.login('deputy');
    expect((await post('/api/periods/close', await server.login('teacher'), { classId: '5b', periodId: 'q1' })).status).toBe(403);
    const badPeriod = await post('/api/periods/close', deputy, { classId: '5b', periodId: 'q9' });
    expect(badPeriod.status).toBe(400);
    expect(await error(badPeriod)).toBe('Нет такого учебного периода');
    expect((await post('/api/periods/close', deputy, { classId: 'zz', periodId: 'q1' })).status).toBe(400);
    expect((await post('/api/periods/reopen', deputy, { classId: '5b', periodId: 'q1' })).status).toBe(400);
  });

  it('HIST-2: history needs a journal the user may open and a readable time', async () => {
    const teacher = await server.login('teacher');
    expect((await get('/api/history?doc=journal/1a/2026', teacher)).status).toBe(403);
    expect((await get('/api/history?doc=school/demo/2026', teacher)).status).toBe(403);
    const badTime = await get('/api/history?doc=journal/5b/2026&from=yesterday', teacher);
    expect(badTime.status).toBe(400);
    expect(await error(badTime)).toBe('Неверное время');
    expect((await get('/api/history/as-of?doc=journal/5b/2026', teacher)).status).toBe(400);
    expect((await server.app.request('/api/history?doc=journal/5b/2026')).status).toBe(401);
  });
});
