import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  encodeClock,
  lessonId,
  MAX_UPDATE_BYTES,
  MessageType,
  setMark,
  setLessonField,
  change,
  asDate,
  pendingChanges,
  type StudentId,
  type SubjectId,
  type GroupId,
} from '../../model/index.ts';
import { DEMO_FIXTURE_DAY, mathPage, type MathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const JOURNAL = 'journal/5b/2026';
const lesson = lessonId(asDate('2026-10-05'), 2, 'math' as SubjectId, 'all' as GroupId);

/** Real sockets on an ephemeral port with the stock y-websocket client in Node. */
describe('sync over real WebSockets', () => {
  let server: TestServer;
  let clients: TestClient[] = [];
  const open = (...args: Parameters<typeof connectClient>) => {
    const c = connectClient(...args);
    clients.push(c);
    return c;
  };

  let page: MathPage;
  // Sockets on a lived-in journal, not what day it is: on the fixture day, where the hard-coded
  // October and November lessons have taken place. "Now" below is the server's clock.
  beforeEach(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    page = await mathPage(server.storage, server.today());
  });
  afterEach(async () => {
    for (const c of clients) c.destroy();
    clients = [];
    await server.dispose();
  });

  it('SYNC-1: two clients of one journal converge', async () => {
    const cookie = await server.login('teacher');
    const a = open(server, JOURNAL, cookie);
    const b = open(server, JOURNAL, await server.login('substitute'));
    await Promise.all([synced(a), synced(b)]);
    const students = page.students;
    expect(students.length).toBeGreaterThan(20);
    change(a.doc, 'test', () => setMark(a.doc, lesson, students[0].id, 0, { v: 5, t: 'oral' as never, w: 1 }));
    // The substitute writes the lesson they substitute.
    const theirs = page.substituteLessons[0];
    change(b.doc, 'test', () => setLessonField(b.doc, theirs, 'topic', 'Десятичные дроби'));
    await waitFor(() => {
      expect(b.doc.getMap('marks').get(`${lesson}:${students[0].id}:0`)).toEqual('5|oral|1');
      expect(a.doc.getMap('lessons').get(`${theirs}:topic`)).toBe('Десятичные дроби');
    });
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  });

  it('SYNC-2: a client offline for a while with many edits merges on reconnect', async () => {
    const cookie = await server.login('teacher');
    const a = open(server, JOURNAL, cookie);
    const b = open(server, JOURNAL, cookie);
    await Promise.all([synced(a), synced(b)]);
    a.provider.disconnect();
    const students = page.students;
    for (let day = 1; day <= 20; day++) {
      const l = lessonId(asDate(`2026-11-${String(day).padStart(2, '0')}`), 3, 'math' as SubjectId, 'all' as GroupId);
      change(a.doc, 'offline', () => {
        setLessonField(a.doc, l, 'homework', `№ ${day * 10}`);
        for (const s of students.slice(0, 10)) setMark(a.doc, l, s.id, 0, { v: 4, t: 'oral' as never, w: 1 });
      });
    }
    // Meanwhile the other teacher edits other cells online.
    change(b.doc, 'online', () => setLessonField(b.doc, lesson, 'topic', 'Онлайн'));
    a.provider.connect();
    await waitFor(() => {
      expect(a.doc.getMap('lessons').get(`${lesson}:topic`)).toBe('Онлайн');
      expect(b.doc.getMap('marks').size).toBe(a.doc.getMap('marks').size);
      expect(b.doc.getMap('lessons').get(`261120.3.math:homework`)).toBe('№ 200');
    });
    expect(a.doc.getMap('marks').toJSON()).toEqual(b.doc.getMap('marks').toJSON());
  });

  it('PROTO-3: the ack arrives only after the update is committed, and covers it', async () => {
    const appendUpdates = server.storage.appendUpdates.bind(server.storage);
    let release: () => void = () => {};
    let gate: Promise<void> | null = null;
    server.storage.appendUpdates = async (name, rows, extras) => {
      if (gate) await gate;
      return appendUpdates(name, rows, extras);
    };
    const a = open(server, JOURNAL, await server.login('teacher'), { ext: true });
    await synced(a);
    await waitFor(() => expect(a.acks.length).toBeGreaterThan(0));
    const acksBefore = a.acks.length;
    gate = new Promise((r) => (release = r));
    const student = page.students[0].id as StudentId;
    change(a.doc, 'test', () => setMark(a.doc, lesson, student, 1, { v: 3, t: 'oral' as never, w: 1 }));
    const local = Y.decodeStateVector(Y.encodeStateVector(a.doc));
    await new Promise((r) => setTimeout(r, 200));
    expect(a.acks.length).toBe(acksBefore);
    expect(pendingChanges(local, a.acks.at(-1)!)).toBe(1);
    const before = (await server.storage.readUpdates(JOURNAL, 0)).length;
    release();
    await waitFor(() => expect(a.acks.length).toBe(acksBefore + 1));
    expect(pendingChanges(local, a.acks.at(-1)!)).toBe(0);
    expect((await server.storage.readUpdates(JOURNAL, 0)).length).toBe(before + 1);
    const row = (await server.storage.readUpdates(JOURNAL, 0)).at(-1)!;
    expect(row.userId).toBe('u-teacher');
    expect(row.sessionId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('PROTO-3: a commit is acked to the connection whose update it holds, not to its peers, who get the broadcast', async () => {
    const a = open(server, JOURNAL, await server.login('teacher'), { ext: true });
    const b = open(server, JOURNAL, await server.login('teacher'), { ext: true });
    await Promise.all([synced(a), synced(b)]);
    await waitFor(() => expect(a.acks.length * b.acks.length).toBeGreaterThan(0));
    const [aBefore, bBefore] = [a.acks.length, b.acks.length];
    const student = page.students[2].id as StudentId;
    for (const v of [2, 3, 4] as const) {
      change(a.doc, 'test', () => setLessonField(a.doc, lesson, 'homework', `Задание ${v}`));
      await waitFor(() => expect(b.doc.getMap('lessons').get(`${lesson}:homework`)).toBe(`Задание ${v}`));
    }
    await waitFor(() => expect(pendingChanges(Y.decodeStateVector(Y.encodeStateVector(a.doc)), a.acks.at(-1)!)).toBe(0));
    expect(a.acks.length).toBeGreaterThan(aBefore);
    expect(b.acks.length, 'the peer got acks for updates not its own').toBe(bBefore);
    // Its own update is acked to it alone.
    change(b.doc, 'test', () => setMark(b.doc, lesson, student, 2, { v: 5, t: 'oral' as never, w: 1 }));
    await waitFor(() => expect(b.acks.length).toBe(bBefore + 1));
    await waitFor(() => expect(pendingChanges(Y.decodeStateVector(Y.encodeStateVector(b.doc)), b.acks.at(-1)!)).toBe(0));
  });

  it('PROTO-9: each stored update carries the server time and, once the client sent its clock, the client time', async () => {
    const a = open(server, JOURNAL, await server.login('teacher'), { ext: true });
    await synced(a);
    const student = page.students[0].id as StudentId;
    change(a.doc, 't', () => setLessonField(a.doc, lesson, 'topic', 'Без часов'));
    await waitFor(async () => expect((await server.storage.readUpdates(JOURNAL, 0)).at(-1)!.userId).toBe('u-teacher'));
    const first = (await server.storage.readUpdates(JOURNAL, 0)).at(-1)!;
    expect(first.clientTime).toBeNull();
    expect(Math.abs(first.serverTime - server.clock.now())).toBeLessThan(5000);
    // A client whose clock runs an hour ahead.
    (a.provider.ws as unknown as { send(b: Uint8Array): void }).send(encodeClock(server.clock.now() + 3_600_000));
    change(a.doc, 't', () => setMark(a.doc, lesson, student, 2, { v: 4, t: 'oral' as never, w: 1 }));
    await waitFor(async () => expect((await server.storage.readUpdates(JOURNAL, 0)).at(-1)!.seq).toBe(first.seq + 1));
    const second = (await server.storage.readUpdates(JOURNAL, 0)).at(-1)!;
    expect(second.clientTime! - second.serverTime).toBeGreaterThan(3_600_000 - 5000);
    expect(second.clientTime! - second.serverTime).toBeLessThan(3_600_000 + 5000);
  });

  it('PROTO-8: updates that arrive together are committed in one transaction', async () => {
    const calls: number[] = [];
    const appendUpdates = server.storage.appendUpdates.bind(server.storage);
    server.storage.appendUpdates = async (name, rows, extras) => {
      calls.push(rows.length);
      return appendUpdates(name, rows, extras);
    };
    const a = open(server, JOURNAL, await server.login('teacher'), { ext: true });
    await synced(a);
    const students = page.students;
    calls.length = 0;
    // Ten separate transactions sent back to back: ten messages on the socket.
    for (const s of students.slice(0, 10)) change(a.doc, 't', () => setMark(a.doc, lesson, s.id, 0, { v: 5, t: 'oral' as never, w: 1 }));
    await waitFor(() => expect(calls.reduce((x, y) => x + y, 0)).toBe(10));
    expect(calls.length).toBeLessThan(10);
  });

  it('PROTO-2: a stock client (no ext) never receives ack or reject messages', async () => {
    const types: number[] = [];
    const cookie = await server.login('teacher');
    const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/sync/${JOURNAL}`, { headers: { cookie, origin: server.origin } });
    ws.on('message', (data: Buffer) => types.push(data[0]));
    const a = open(server, JOURNAL, cookie);
    await synced(a);
    change(a.doc, 't', () => setLessonField(a.doc, lesson, 'homework', 'стр. 5'));
    await waitFor(() => expect(types.filter((t) => t === MessageType.sync).length).toBeGreaterThanOrEqual(2));
    await new Promise((r) => setTimeout(r, 100));
    ws.close();
    expect(types.every((t) => t === MessageType.sync || t === MessageType.awareness)).toBe(true);
  });

  it('AUTH-7: an upgrade without a session, with a bad session, or from a foreign Origin is refused', async () => {
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/sync/${JOURNAL}`, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => {});
      });
    const cookie = await server.login('teacher');
    expect(await status({ origin: server.origin })).toBe(401);
    expect(await status({ origin: server.origin, cookie: '__Host-session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' })).toBe(401);
    expect(await status({ origin: 'http://evil.example', cookie })).toBe(403);
    expect(await status({ cookie })).toBe(403);
    expect(await status({ origin: server.origin, cookie })).toBe(101);
  });

  it('ACC-1, SYNC-6: a journal the user has no right to is refused; a read-only user cannot change it', async () => {
    const status = await new Promise<number>((resolve) => {
      server.login('teacher').then((cookie) => {
        const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/sync/journal/1a/2026`, {
          headers: { cookie, origin: server.origin },
        });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
      });
    });
    expect(status).toBe(403);
    const director = open(server, JOURNAL, await server.login('director'), { ext: true });
    await synced(director);
    const before = (await server.storage.readUpdates(JOURNAL, 0)).length;
    // The stock client's empty answer to sync step 1 is no change and draws no reject.
    await new Promise((r) => setTimeout(r, 100));
    expect(director.rejects).toEqual([]);
    change(director.doc, 't', () => setLessonField(director.doc, lesson, 'topic', 'Чужая тема'));
    await waitFor(() => expect(director.rejects).toContainEqual(expect.objectContaining({ reason: 'read-only' })));
    const teacher = open(server, JOURNAL, await server.login('teacher'));
    await synced(teacher);
    expect(teacher.doc.getMap('lessons').get(`${lesson}:topic`)).not.toBe('Чужая тема');
    expect((await server.storage.readUpdates(JOURNAL, 0)).length).toBe(before);
  });

  it('SYNC-3: awareness carries presence with the identity from the session, not the client', async () => {
    const a = open(server, JOURNAL, await server.login('teacher'));
    const b = open(server, JOURNAL, await server.login('classteacher'));
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalState({ user: { id: 'u-director', name: 'Самозванец' }, lessonId: lesson });
    await waitFor(() => {
      const state = b.provider.awareness.getStates().get(a.doc.clientID) as { user: { id: string; name: string }; lessonId: string };
      expect(state.lessonId).toBe(lesson);
      expect(state.user.id).toBe('u-teacher');
      expect(state.user.name).not.toBe('Самозванец');
    });
  });

  it('SYNC-8: a client that reconnects with its unchanged presence is shown again at once', async () => {
    const a = open(server, JOURNAL, await server.login('teacher'));
    const b = open(server, JOURNAL, await server.login('classteacher'));
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalState({ lessonId: lesson });
    await waitFor(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(true));
    a.provider.disconnect();
    await waitFor(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false));
    a.provider.connect();
    await waitFor(() => expect(b.provider.awareness.getStates().get(a.doc.clientID)).toMatchObject({ lessonId: lesson }));
  });

  it('SYNC-7: a socket that stops answering pings is closed, and its presence removed', async () => {
    const dataDir = server.dataDir;
    await server.close();
    // Restarted on the same data, its clock running on from the first one's.
    server = await startTestServer({ dataDir, heartbeatMs: 100, now: server.clock.now });
    const a = open(server, JOURNAL, await server.login('teacher'));
    const b = open(server, JOURNAL, await server.login('classteacher'));
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalState({ lessonId: lesson });
    await waitFor(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(true));
    const room = await server.registry.open(JOURNAL);
    expect(room.conns.size).toBe(2);
    // The laptop sleeps: its socket neither reads nor answers.
    (a.provider.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    a.provider.shouldConnect = false;
    await waitFor(() => expect(room.conns.size).toBe(1), 5000);
    await waitFor(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false), 5000);
  });

  it('SYNC-4: a document is unloaded when the last connection leaves and persists across a restart', async () => {
    const a = open(server, JOURNAL, await server.login('teacher'), { ext: true });
    await synced(a);
    change(a.doc, 't', () => setLessonField(a.doc, lesson, 'topic', 'Сохранено'));
    const local = Y.decodeStateVector(Y.encodeStateVector(a.doc));
    await waitFor(() => expect(pendingChanges(local, a.acks.at(-1)!)).toBe(0));
    expect(server.registry.isLoaded(JOURNAL)).toBe(true);
    a.destroy();
    await waitFor(() => expect(server.registry.isLoaded(JOURNAL)).toBe(false));
    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer({ dataDir, now: server.clock.now });
    const b = open(server, JOURNAL, await server.login('teacher'));
    await synced(b);
    expect(b.doc.getMap('lessons').get(`${lesson}:topic`)).toBe('Сохранено');
  });

  it('PROTO-4: malformed and oversized updates are refused with a reason and nothing is stored', async () => {
    const a = open(server, JOURNAL, await server.login('teacher'), { ext: true });
    await synced(a);
    const before = (await server.storage.readUpdates(JOURNAL, 0)).length;
    const send = (bytes: number[]) => (a.provider.ws as unknown as { send(b: Uint8Array): void }).send(new Uint8Array(bytes));
    // sync (0), update (2), length 3, garbage.
    send([0, 2, 3, 255, 255, 255]);
    await waitFor(() => expect(a.rejects).toContainEqual(expect.objectContaining({ reason: 'malformed' })));
    // Over the update limit but within the socket's (PROTO-14): read, and refused with a reason.
    // sync (0), update (2), length MAX_UPDATE_BYTES + 4 (varuint 0x84 0x80 0x80 0x01), zeros.
    const big = new Uint8Array(MAX_UPDATE_BYTES + 10);
    big.set([0, 2, 0x84, 0x80, 0x80, 0x01]);
    (a.provider.ws as unknown as { send(b: Uint8Array): void }).send(big);
    await waitFor(() => expect(a.rejects).toContainEqual(expect.objectContaining({ reason: 'too-large' })));
    expect((await server.storage.readUpdates(JOURNAL, 0)).length).toBe(before);
  });
});
