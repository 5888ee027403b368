import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeClock, markToTuple, type WorkTypeId } from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, mathPage, type MathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';
const mark = (v: 2 | 3 | 4 | 5) => markToTuple({ v, t: 'oral' as WorkTypeId, w: 1 });

/** The attributed history of every accepted change (HIST-*), through the real server. */
describe('history of changes', () => {
  let server: TestServer;
  let page: MathPage;
  const clients: TestClient[] = [];
  const open = async (login: string) => {
    const c = connectClient(server, J5B, await server.login(login), { ext: true });
    clients.push(c);
    await synced(c);
    return c;
  };
  const history = async (login: string, query: string) => {
    const cookie = await server.login(login);
    const res = await fetch(`${server.origin}/api/history?doc=${encodeURIComponent(J5B)}&${query}`, { headers: { cookie } });
    return { status: res.status, body: (await res.json()) as { changes: Array<Record<string, unknown>> } };
  };

  beforeAll(async () => {
    // The history of cells, not what day it is: on the fixture day, where the teacher's lessons
    // have taken place. "Now" below is the server's clock, which the stored times are on.
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    page = await mathPage(server.storage, server.today());
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.dispose();
  });

  it('HIST-1: every accepted change is a row: path, old and new value, author, substitute or not, both times, clock offset', async () => {
    const teacher = await open('teacher');
    // This device's clock runs 90 s behind the server's.
    (teacher.provider.ws as unknown as { send(b: Uint8Array): void }).send(encodeClock(server.clock.now() - 90_000));
    const s = page.students[0].id;
    const key = `${page.teacherLessons[0]}:${s}:3`;
    teacher.doc.transact(() => teacher.doc.getMap('marks').set(key, mark(4)));
    await waitFor(async () => expect((await history('teacher', `path=marks/${key}`)).body.changes.length).toBe(1));
    teacher.doc.transact(() => teacher.doc.getMap('marks').set(key, mark(5)));
    teacher.doc.transact(() => teacher.doc.getMap('marks').set(key, null));
    await waitFor(async () => expect((await history('teacher', `path=marks/${key}`)).body.changes.length).toBe(3));
    const rows = (await history('teacher', `path=marks/${key}`)).body.changes;
    expect(rows.map((r) => [r.oldValue ?? 'absent', r.newValue])).toEqual([
      ['absent', mark(4)],
      [mark(4), mark(5)],
      [mark(5), null],
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({ userId: 'u-teacher', asSubstitute: false });
      expect(Math.abs((r.serverTime as number) - server.clock.now())).toBeLessThan(10_000);
      expect(r.serverTime as number).toBeGreaterThan(r.clientTime as number);
      // 90 s off, measured to within the message's trip (a bound far from any machine's speed).
      expect(Math.abs((r.clockOffsetMs as number) + 90_000)).toBeLessThan(30_000);
    }
  });

  it('HIST-1: a substitute’s change is marked as a substitution; a refused change leaves no row', async () => {
    const sub = await open('substitute');
    const s = page.students[1].id;
    const theirs = `${page.substituteLessons[0]}:${s}:3`;
    const notTheirs = `${page.teacherLessons[1]}:${s}:3`;
    sub.doc.transact(() => {
      sub.doc.getMap('marks').set(theirs, mark(3));
      sub.doc.getMap('marks').set(notTheirs, mark(2));
    });
    await waitFor(() => expect(sub.rejects.length).toBeGreaterThan(0));
    await waitFor(async () => expect((await history('deputy', `path=marks/${theirs}`)).body.changes).toHaveLength(1));
    expect((await history('deputy', `path=marks/${theirs}`)).body.changes[0]).toMatchObject({ userId: 'u-substitute', asSubstitute: true });
    expect((await history('deputy', `path=marks/${notTheirs}`)).body.changes).toEqual([]);
  });

  it('HIST-2: the corrections log lists changed and removed values only; the history is for those who may open the journal', async () => {
    const corrections = (await history('deputy', 'corrections=1')).body.changes;
    expect(corrections.length).toBeGreaterThanOrEqual(2);
    expect(corrections.every((r) => r.oldValue !== undefined && r.oldValue !== null)).toBe(true);
    expect((await history('primary', 'path=x')).status).toBe(403);
  });

  it('HIST-4: the journal as of a moment replays the log up to it', async () => {
    const teacher = await open('teacher');
    const key = `${page.teacherLessons[3]}:topic`;
    teacher.doc.transact(() => teacher.doc.getMap('lessons').set(key, 'Первая тема'));
    await waitFor(async () => expect((await history('teacher', `path=lessons/${key}`)).body.changes.length).toBe(1));
    const between = server.clock.now();
    // The correction is stored at a later server time than `between`.
    await waitFor(() => expect(server.clock.now()).toBeGreaterThan(between + 1), 10_000, 1);
    teacher.doc.transact(() => teacher.doc.getMap('lessons').set(key, 'Исправленная тема'));
    await waitFor(async () => expect((await history('teacher', `path=lessons/${key}`)).body.changes.length).toBe(2));
    const cookie = await server.login('teacher');
    const asOf = async (at: number) => {
      const res = await fetch(`${server.origin}/api/history/as-of?doc=${encodeURIComponent(J5B)}&at=${at}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
      return doc.getMap('lessons').get(key);
    };
    expect(await asOf(between)).toBe('Первая тема');
    expect(await asOf(server.clock.now())).toBe('Исправленная тема');
  });

  it('HIST-3: a refused change the deputy applies is in the history under the deputy, with the stated reason', async () => {
    const teacher = await open('teacher');
    const s = page.students[2].id;
    const key = `${page.teacherLessons[2]}:${s}:3`;
    // The deputy may not write marks through the journal (PERM-12): refused, kept for review.
    const deputy = await open('deputy');
    deputy.doc.transact(() => deputy.doc.getMap('marks').set(key, mark(5)));
    await waitFor(() => expect(deputy.rejects.length).toBeGreaterThan(0));
    const [refused] = await server.storage.listRefused({ userId: 'u-deputy', state: 'open' });
    const cookie = await server.login('deputy');
    const res = await fetch(`${server.origin}/api/refused/${refused.id}/apply`, {
      method: 'POST',
      headers: { cookie, origin: server.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'учитель болел, отметка по листу' }),
    });
    expect(res.status).toBe(200);
    await waitFor(() => expect(teacher.doc.getMap('marks').get(key)).toEqual(mark(5)));
    const rows = (await history('deputy', `path=marks/${key}`)).body.changes;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: 'u-deputy', newValue: mark(5) });
    expect(rows[0].note).toContain('учитель болел');
  });
});
