import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import {
  addDays,
  CloseCode,
  encodeClock,
  encodeEditTimes,
  lessonId,
  markToTuple,
  MessageType,
  pageLessons,
  schoolMoment,
  WHOLE_CLASS,
  type ClassId,
  type IsoDate,
  type LessonId,
  type SubjectId,
  type WorkTypeId,
} from '../../model/index.ts';
import { loadStoredDoc, mathPage, type MathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';
const MSK = 180;
const DAY = 86_400_000;
const mark = (v: 2 | 3 | 4 | 5) => markToTuple({ v, t: 'oral' as WorkTypeId, w: 1 });

interface Row {
  path: string;
  clientTime: number | null;
  serverTime: number;
  clockOffsetMs: number | null;
}
interface Late extends Row {
  deadline: { at: number; rule: string };
  timeliness: { judgedBy: string; late: boolean; lateByMs: number; madeAt: number };
}

/**
 * PROTO-13 and TIME-5 through the real server: a mark typed offline on one day and synced days
 * later is dated by when it was typed, and judged late or not by the right clock.
 */
describe('when an offline edit was made', () => {
  let server: TestServer;
  let page: MathPage;
  /** A lesson of `teacher`'s 5Б mathematics at least two days before the server's now (the "Monday" of the scenario). */
  let monday: LessonId;
  let mondayDate: IsoDate;
  const clients: TestClient[] = [];

  const api = async <T>(login: string, path: string): Promise<T> => {
    const res = await fetch(`${server.origin}${path}`, { headers: { cookie: await server.login(login) } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const historyOf = (key: string) => api<{ changes: Row[] }>('deputy', `/api/history?doc=${encodeURIComponent(J5B)}&path=marks/${key}`);
  const late = () => api<{ entries: Late[] }>('deputy', `/api/history/late?doc=${encodeURIComponent(J5B)}`);

  /** A teacher's client that goes offline, types a mark "at" a given moment, and reconnects. */
  async function typeOffline(key: string, at: number, opts: { sendClock: boolean }): Promise<TestClient> {
    const c = connectClient(server, J5B, await server.login('teacher'), { ext: true });
    clients.push(c);
    await synced(c);
    c.provider.disconnect();
    const from = Y.getState(c.doc.store, c.doc.clientID);
    c.doc.transact(() => c.doc.getMap('marks').set(key, mark(5)));
    const to = Y.getState(c.doc.store, c.doc.clientID);
    // As the app does on connect (client/sync/doc-registry.ts): its clock, then when its unsent edits were typed.
    c.provider.on('status', ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      // The device's clock agrees with the server's (whatever day JOURNAL_CLOCK or the test moved it to).
      if (opts.sendClock) c.provider.ws!.send(encodeClock(server.clock.now()));
      c.provider.ws!.send(encodeEditTimes([{ client: c.doc.clientID, from, to, at }]));
    });
    c.provider.connect();
    return c;
  }

  beforeAll(async () => {
    // About what "today" changes (an edit synced days after its lesson, judged against its deadline):
    // on the process clock (JOURNAL_CLOCK), not the fixture day, so it runs on whatever day it is.
    server = await startTestServer();
    const school = await loadStoredDoc(server.storage, 'school/demo/2026');
    const journal = await loadStoredDoc(server.storage, J5B);
    const taught = pageLessons(school, journal, '5b' as ClassId, 'math' as SubjectId, WHOLE_CLASS).filter((l) => l.substituteId === null);
    // "Monday": the teacher's latest lesson at least two days before today (the last one before
    // the holidays, or the year's last in summer). Before the year has run two days there is none:
    // then the year's first lesson, and the clock moves on to three days after it.
    const past = taught.filter((l) => l.date <= addDays(server.today(), -2)).at(-1);
    const lesson = past ?? taught[0];
    if (!lesson) throw new Error('The demo has no 5Б mathematics lesson of `teacher` at all');
    if (!past) server.clock.moveTo(schoolMoment(addDays(lesson.date, 3), '10:00', MSK));
    monday = lessonId(lesson.date, lesson.slot, lesson.subjectId, lesson.groupId);
    mondayDate = lesson.date;
    page = await mathPage(server.storage, mondayDate);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.dispose();
  });

  const mondayAt = (time: string) => schoolMoment(mondayDate, time, MSK);

  it('PROTO-13, TIME-5: typed offline on Monday at 10:00, synced days later with a known clock: dated Monday, on time', async () => {
    const key = `${monday}:${page.students[0].id}:3`;
    const typedAt = mondayAt('10:00');
    await typeOffline(key, typedAt, { sendClock: true });
    await waitFor(async () => expect((await historyOf(key)).changes).toHaveLength(1));
    const [row] = (await historyOf(key)).changes;
    expect(row.clientTime).toBe(typedAt);
    expect(row.serverTime - typedAt).toBeGreaterThan(DAY);
    // A right device clock: off by no more than the message's trip, never by the days between typing
    // and syncing (a bound far from any machine's speed: no wall-clock budget).
    expect(Math.abs(row.clockOffsetMs!)).toBeLessThan(60_000);
    expect((await late()).entries.find((e) => e.path === `marks/${key}`)).toBeUndefined();
  });

  it('TIME-5: the same without the client clock (offset unknown): the typed time is kept, but the server time judges: late', async () => {
    const key = `${monday}:${page.students[1].id}:3`;
    const typedAt = mondayAt('10:00');
    await typeOffline(key, typedAt, { sendClock: false });
    await waitFor(async () => expect((await historyOf(key)).changes).toHaveLength(1));
    const [row] = (await historyOf(key)).changes;
    expect(row.clientTime).toBe(typedAt);
    expect(row.clockOffsetMs).toBeNull();
    const entry = (await late()).entries.find((e) => e.path === `marks/${key}`);
    expect(entry).toBeDefined();
    expect(entry!.deadline).toEqual({ at: mondayAt('19:00'), rule: 'lesson-day' });
    expect(entry!.timeliness).toMatchObject({ judgedBy: 'server', late: true, madeAt: row.serverTime });
    expect(entry!.timeliness.lateByMs).toBe(row.serverTime - mondayAt('19:00'));
  });

  it('TIME-5: typed offline on Monday at 21:00, after the 19:00 deadline: late by the client clock', async () => {
    const key = `${monday}:${page.students[2].id}:3`;
    await typeOffline(key, mondayAt('21:00'), { sendClock: true });
    await waitFor(async () => expect((await late()).entries.find((e) => e.path === `marks/${key}`)).toBeDefined());
    const entry = (await late()).entries.find((e) => e.path === `marks/${key}`)!;
    expect(entry.timeliness).toMatchObject({ judgedBy: 'client', late: true });
    // Put on the server's clock: the typed time minus the measured offset (a few ms here).
    // (Bounds far from any machine's speed, and far from the two hours judged.)
    expect(Math.abs(entry.timeliness.madeAt - mondayAt('21:00'))).toBeLessThan(60_000);
    expect(Math.abs(entry.timeliness.lateByMs - 2 * 3_600_000)).toBeLessThan(60_000);
  });

  it('TIME-6: the late list is bounded by deadline dates; a removal is no late entry; only those who may open the journal read it', async () => {
    const key = `${monday}:${page.students[1].id}:3`;
    const doc = encodeURIComponent(J5B);
    const has = (entries: Late[]) => entries.some((e) => e.path === `marks/${key}`);
    const deadline = mondayAt('19:00');
    expect(
      has((await api<{ entries: Late[] }>('deputy', `/api/history/late?doc=${doc}&from=${deadline}&to=${deadline + 1}`)).entries),
    ).toBe(true);
    expect(has((await api<{ entries: Late[] }>('deputy', `/api/history/late?doc=${doc}&from=${deadline + 1}`)).entries)).toBe(false);
    expect(has((await api<{ entries: Late[] }>('deputy', `/api/history/late?doc=${doc}&to=${deadline}`)).entries)).toBe(false);
    // The teacher removes the late mark: the entry stays late (it was made), the removal adds nothing.
    const c = connectClient(server, J5B, await server.login('teacher'), { ext: true });
    clients.push(c);
    await synced(c);
    c.doc.transact(() => c.doc.getMap('marks').set(key, null));
    await waitFor(async () => expect((await historyOf(key)).changes).toHaveLength(2));
    expect((await late()).entries.filter((e) => e.path === `marks/${key}`)).toHaveLength(1);
    const primary = await fetch(`${server.origin}/api/history/late?doc=${doc}`, { headers: { cookie: await server.login('primary') } });
    expect(primary.status).toBe(403);
    const bad = await fetch(`${server.origin}/api/history/late?doc=${doc}&from=abc`, { headers: { cookie: await server.login('deputy') } });
    expect(bad.status).toBe(400);
  });

  it('PROTO-13: a typed time later than the arrival is not believed: the change is dated at its arrival', async () => {
    const key = `${monday}:${page.students[3].id}:3`;
    const before = server.clock.now();
    await typeOffline(key, server.clock.now() + 30 * DAY, { sendClock: true });
    await waitFor(async () => expect((await historyOf(key)).changes).toHaveLength(1));
    const [row] = (await historyOf(key)).changes;
    expect(row.clientTime!).toBeGreaterThanOrEqual(before - 2000);
    expect(row.clientTime!).toBeLessThanOrEqual(server.clock.now() + 2000);
  });

  it('PROTO-13: a malformed edit-times message closes the socket as malformed and changes nothing', async () => {
    const c = connectClient(server, J5B, await server.login('teacher'), { ext: true });
    clients.push(c);
    await synced(c);
    const closed = new Promise<number>((resolve) => c.provider.ws!.addEventListener('close', (e) => resolve((e as CloseEvent).code)));
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.editTimes);
    encoding.writeVarUint(enc, 1);
    encoding.writeVarUint(enc, c.doc.clientID);
    encoding.writeVarUint(enc, 5);
    encoding.writeVarUint(enc, 2); // to < from
    encoding.writeFloat64(enc, server.clock.now());
    const rowsBefore = (await api<{ changes: Row[] }>('deputy', `/api/history?doc=${encodeURIComponent(J5B)}`)).changes.length;
    c.provider.ws!.send(encoding.toUint8Array(enc));
    expect(await closed).toBe(CloseCode.malformed);
    expect((await api<{ changes: Row[] }>('deputy', `/api/history?doc=${encodeURIComponent(J5B)}`)).changes.length).toBe(rowsBefore);
  });
});
