import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPlace, markToTuple, type WorkTypeId } from '../../model/index.ts';
import { parseClockStart } from '../../sync-server/clock.ts';
import { archiveYear } from '../../sync-server/year-switch.ts';
import { documentHash } from '../../sync-server/archive/replay.ts';
import { DEMO_FIXTURE_DAY, mathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced } from '../helpers/ws-client.ts';

type Doc = { name: string; kind: string; access: string };

/**
 * YEAR-22: several school years on one server. While 2026/27 runs, the prepared 2027/28 opens for
 * the deputy to adjust; after the switch 2026/27 is past: listed on request, opened read-only, and
 * its stored log never changes.
 */
describe('past and next school years on one server', () => {
  let server: TestServer;
  const me = async (login: string, year?: string) =>
    (
      (await (
        await fetch(`${server.origin}/api/me${year ? `?year=${year}` : ''}`, { headers: { cookie: await server.login(login) } })
      ).json()) as {
        documents: Doc[];
      }
    ).documents;
  const years = async (login = 'teacher') =>
    (
      (await (await fetch(`${server.origin}/api/years`, { headers: { cookie: await server.login(login) } })).json()) as {
        years: Array<{ yearId: string; relation: string }>;
      }
    ).years;

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    const prepared = await fetch(`${server.origin}/api/year/next`, {
      method: 'POST',
      headers: { cookie: await server.login('deputy'), origin: server.origin },
    });
    expect(prepared.status).toBe(200);
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('YEAR-22: before the switch the next year is listed as next; the deputy writes its school year, its journals are read-only', async () => {
    expect((await years()).map((y) => [y.yearId, y.relation])).toEqual([
      ['2026', 'current'],
      ['2027', 'next'],
    ]);
    const next = await me('deputy', '2027');
    expect(next.find((d) => d.kind === 'school')).toEqual(expect.objectContaining({ name: 'school/demo/2027', access: 'write' }));
    expect(next.filter((d) => d.kind === 'journal').length).toBeGreaterThan(0);
    expect(next.filter((d) => d.kind === 'journal').every((d) => d.access === 'read')).toBe(true);
    // The deputy adjusts the prepared year: the change is taken and stored.
    const deputy = connectClient(server, 'school/demo/2027', await server.login('deputy'), { ext: true });
    await synced(deputy);
    deputy.doc.transact(() => deputy.doc.getMap('rooms').set('r-new', { name: '55' }));
    await waitFor(() => expect(deputy.acks.length).toBeGreaterThan(0));
    expect(deputy.rejects).toEqual([]);
    deputy.destroy();
    // A family has none of it: its switcher offers the current year only (YEAR-24), so none is shown.
    expect((await years('parent')).map((y) => [y.yearId, y.relation])).toEqual([['2026', 'current']]);
    expect(await me('parent', '2027')).toEqual([]);
  });

  it('YEAR-22: after the switch the old year is past: listed on request, read-only, its log unchanged', async () => {
    // The journal's hash before the switch: the year's close writes the school year (YEAR-26) and the diaries, never a journal.
    const hashBefore = documentHash((await server.storage.readUpdates('journal/5b/2026', 0)).map((u) => u.update));
    server.clock.moveTo(parseClockStart('2027-09-01'));
    await archiveYear(server, 'school/demo/2027', server.clock.now);
    const { dataDir, clock } = server;
    await server.close();
    server = await startTestServer({ dataDir, now: clock.now });
    expect((await years()).map((y) => [y.yearId, y.relation])).toEqual([
      ['2026', 'past'],
      ['2027', 'current'],
    ]);
    const past = await me('teacher', '2026');
    expect(past.map((d) => d.name)).toContain('journal/5b/2026');
    expect(past.every((d) => d.access === 'read' && d.name.endsWith('/2026'))).toBe(true);
    expect((await me('teacher')).every((d) => d.name.endsWith('/2027'))).toBe(true);

    // The teacher opens last year's journal: it reads, and a mark written into it is refused.
    const lesson = (await mathPage(server.storage, '2027-05-20' as never)).teacherLessons.at(-1)!;
    const teacher = connectClient(server, 'journal/5b/2026', await server.login('teacher'), { ext: true });
    await synced(teacher);
    expect(teacher.doc.getMap('marks').size).toBeGreaterThan(100);
    teacher.doc.transact(() =>
      teacher.doc.getMap('marks').set(`${lesson}:x:${markPlace(0)}`, markToTuple({ v: 5, t: 'oral' as WorkTypeId, w: 1 })),
    );
    await waitFor(() => expect(teacher.rejects).toContainEqual(expect.objectContaining({ reason: 'read-only' })));
    teacher.destroy();
    // Its reports answer from its own stored documents (YEAR-22); an unknown year is 404.
    const report = async (year: string) =>
      fetch(`${server.origin}/api/reports/class-results?class=5b&period=q1&year=${year}`, {
        headers: { cookie: await server.login('deputy') },
      });
    const old = await report('2026');
    expect(old.status).toBe(200);
    expect(((await old.json()) as { report: { scope: string } }).report.scope).toContain('01.09–25.10.2026');
    expect((await report('1999')).status).toBe(404);
    expect(documentHash((await server.storage.readUpdates('journal/5b/2026', 0)).map((u) => u.update))).toBe(hashBefore);
  });
});
