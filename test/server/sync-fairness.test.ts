import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, CloseCode, pendingChanges, readLesson, setLessonField } from '../../model/index.ts';
import { SYNC_LIMITS } from '../../sync-server/limits.ts';
import { DEMO_FIXTURE_DAY, mathPage, type MathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';
const SCHOOL = 'school/demo/2026';

/** Every update the client has made is acknowledged by the server. */
const allAcked = (c: TestClient) => pendingChanges(Y.decodeStateVector(Y.encodeStateVector(c.doc)), c.acks.at(-1) ?? new Map()) === 0;

/**
 * PROTO-17, PROTO-18 through the real server, ordered by events and counted, never timed: a
 * flooding client is held to its own rate while others sync; connections per user and per address
 * are bounded.
 */
describe('fair sync under a flood', () => {
  let server: TestServer;
  let page: MathPage;
  const clients: TestClient[] = [];
  const open = async (login: string, doc = J5B) => {
    const c = connectClient(server, doc, await server.login(login), { ext: true });
    clients.push(c);
    await synced(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY, syncLimits: { connectionsPerUser: 3, connectionsPerAddress: 6 } });
    page = await mathPage(server.storage, server.today());
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.dispose();
  });

  it('PROTO-17: a burst beyond the bucket is held back, not lost: every update of it is acknowledged', async () => {
    const writer = await open('teacher');
    const lesson = page.teacherLessons[0];
    for (let i = 0; i < SYNC_LIMITS.messagesBurst + 50; i++)
      change(writer.doc, 't', () => setLessonField(writer.doc, lesson, 'topic', `Тема ${i}`));
    await waitFor(() => expect(allAcked(writer)).toBe(true), 60_000);
    expect(writer.rejects).toEqual([]);
    expect(writer.provider.wsconnected).toBe(true);
    writer.destroy();
    // Its close is read once the server reads the socket again.
    const room = await server.registry.open(J5B);
    await waitFor(() => expect([...room.conns].some((c) => c.identity.userId === 'u-teacher')).toBe(false), 60_000);
  });

  it('PROTO-17: a client flooding ~1,500 updates/s does not stop another from syncing or /api/health from answering', async () => {
    const flooder = await open('teacher');
    const lessons = page.teacherLessons;
    let sent = 0;
    // 15 updates every 10 ms, each a message of its own, for as long as the test runs.
    const flood = setInterval(() => {
      for (let i = 0; i < 15; i++, sent++) {
        change(flooder.doc, 'flood', () => setLessonField(flooder.doc, lessons[sent % lessons.length], 'homework', `Флуд ${sent}`));
      }
    }, 10);
    try {
      const room = await server.registry.open(J5B);
      const floodConn = [...room.conns].find((c) => c.identity.userId === 'u-teacher')!;
      // The flood is under way and held back: the server has taken a burst's worth of it and is
      // five bursts (20 s of its rate) behind what was sent, so the flood outlasts what follows.
      const base = (await server.storage.readUpdates(J5B, 0)).length;
      const taken = async () => (await server.storage.readUpdates(J5B, base)).length;
      await waitFor(async () => {
        const n = await taken();
        expect(n).toBeGreaterThan(SYNC_LIMITS.messagesBurst);
        expect(sent).toBeGreaterThan(n + 5 * SYNC_LIMITS.messagesBurst);
      }, 60_000);

      const health = await fetch(`${server.origin}/api/health`);
      expect(health.status).toBe(200);
      const newcomer = await open('deputy');
      const honest = await open('classteacher', SCHOOL);
      const writer = await open('substitute');
      const lesson = page.substituteLessons[0];
      change(writer.doc, 't', () => setLessonField(writer.doc, lesson, 'topic', 'Тема замены'));
      await waitFor(() => expect(allAcked(writer)).toBe(true), 60_000);
      await waitFor(() => expect(readLesson(newcomer.doc, lesson).topic).toBe('Тема замены'), 60_000);
      expect(honest.provider.synced).toBe(true);

      // All that happened while the flood went on, held back rather than closed.
      expect(sent).toBeGreaterThan(await taken());
      expect(floodConn.socket.isOpen()).toBe(true);
      expect(allAcked(flooder)).toBe(false);
    } finally {
      clearInterval(flood);
      flooder.destroy();
    }
  });

  /** A raw socket; resolves `opened` on open and `closed` with the close code. */
  const socket = async (login: string, doc = SCHOOL) => {
    const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/sync/${doc}`, {
      headers: { cookie: await server.login(login), origin: server.origin },
    });
    ws.on('error', () => {});
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    // The server answers an admitted socket with the document at once; a refused one only closes.
    const welcomed = new Promise<boolean>((resolve) => {
      ws.once('message', () => resolve(true));
      ws.once('close', () => resolve(false));
    });
    return { ws, closed, welcomed };
  };

  it('PROTO-18: a user’s connections beyond the bound are closed with 4503; a closed one makes room', async () => {
    // A fresh server: the flooder above may still be held back, and so counted, until its backlog is read.
    for (const c of clients.splice(0)) c.destroy();
    await server.dispose();
    server = await startTestServer({ at: DEMO_FIXTURE_DAY, syncLimits: { connectionsPerUser: 3, connectionsPerAddress: 6 } });
    const own = await Promise.all([socket('director'), socket('director'), socket('director', J5B)]);
    expect(await Promise.all(own.map((s) => s.welcomed))).toEqual([true, true, true]);
    const fourth = await socket('director');
    expect(await fourth.welcomed).toBe(false);
    expect(await fourth.closed).toBe(CloseCode.tooManyConnections);
    // Another user is not affected.
    const other = await socket('deputy');
    expect(await other.welcomed).toBe(true);
    own[0].ws.close();
    await own[0].closed;
    const again = await socket('director');
    expect(await again.welcomed).toBe(true);

    // Six from this address in all: the seventh, whoever it is, is closed too.
    const more = await Promise.all([socket('deputy'), socket('admin')]);
    expect(await Promise.all(more.map((s) => s.welcomed))).toEqual([true, true]);
    const seventh = await socket('teacher');
    expect(await seventh.closed).toBe(CloseCode.tooManyConnections);
    for (const s of [...own, other, again, ...more]) s.ws.close();
  });
});
