import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, CloseCode, MessageType, pendingChanges, setLessonField } from '../../model/index.ts';
import * as Y from 'yjs';
import { PRESENCE_CLIENTS_MAX, PRESENCE_STATE_MAX_BYTES, WS_MAX_PAYLOAD_BYTES } from '../../sync-server/limits.ts';
import { DEMO_FIXTURE_DAY, mathPage, type MathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';

/** An awareness message (type 1) announcing `entries` as [client id, clock, state]. */
function awarenessMessage(entries: Array<[number, number, unknown]>): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(inner, id);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
  }
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.awareness);
  encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner));
  return encoding.toUint8Array(enc);
}

/** A raw socket to a document, as a hostile client would hold one; `closed` resolves with the close code. */
async function rawSocket(server: TestServer, cookie: string) {
  const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/sync/${J5B}`, { headers: { cookie, origin: server.origin } });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('error', () => {});
  await new Promise((resolve) => ws.once('open', resolve));
  return { ws, closed };
}

/**
 * PROTO-14, PROTO-15 through the real server: a frame over the socket's limit is not read and
 * closes the socket with 1009; a presence state over its bound, or more presence states than a
 * connection may hold, closes it with 4413 or 4429 and nothing of it is kept or relayed; the
 * stock client, which echoes its peers' presence, is never mistaken for such a connection.
 */
describe('socket and presence limits', () => {
  let server: TestServer;
  let page: MathPage;
  const clients: TestClient[] = [];
  const open = async (login: string, opts: { ext?: boolean } = {}) => {
    const c = connectClient(server, J5B, await server.login(login), opts);
    clients.push(c);
    await synced(c);
    return c;
  };
  const presence = async () => (await server.registry.open(J5B)).presence.awareness.getStates();

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    page = await mathPage(server.storage, server.today());
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.dispose();
  });

  it('PROTO-14: a frame over the socket limit closes the socket with 1009 and stores nothing', async () => {
    const before = (await server.storage.readUpdates(J5B, 0)).length;
    const { ws, closed } = await rawSocket(server, await server.login('teacher'));
    const big = new Uint8Array(WS_MAX_PAYLOAD_BYTES + 1);
    big.set([MessageType.sync, 2, 0x80, 0x80, 0xc0, 0x01]);
    ws.send(big);
    expect(await closed).toBe(CloseCode.messageTooBig);
    expect((await server.storage.readUpdates(J5B, 0)).length).toBe(before);
  });

  it("PROTO-15: a read-only user's 20 KB and 20 MB presence states close the socket; nobody ever sees them", async () => {
    const watcher = await open('teacher');
    const seen: number[] = [];
    watcher.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) =>
      seen.push(...added, ...updated),
    );
    const director = await server.login('director');
    const first = await rawSocket(server, director);
    first.ws.send(awarenessMessage([[777001, 1, { lessonId: 'x', junk: 'ж'.repeat(PRESENCE_STATE_MAX_BYTES / 2) }]]));
    expect(await first.closed).toBe(CloseCode.tooLarge);
    const second = await rawSocket(server, director);
    second.ws.send(awarenessMessage([[777002, 1, { junk: 'x'.repeat(20 * 1024 * 1024) }]]));
    expect(await second.closed).toBe(CloseCode.messageTooBig);
    expect((await presence()).has(777001)).toBe(false);
    expect((await presence()).has(777002)).toBe(false);
    expect(seen).not.toContain(777001);
    expect(seen).not.toContain(777002);
  });

  it('PROTO-15: a connection announcing more presence states than it may hold is closed, and all of its states go', async () => {
    const cookie = await server.login('deputy');
    const many = await rawSocket(server, cookie);
    const ids = Array.from({ length: PRESENCE_CLIENTS_MAX + 1 }, (_, i) => 888000 + i);
    many.ws.send(awarenessMessage(ids.map((id) => [id, 1, { lessonId: 'y' }])));
    expect(await many.closed).toBe(CloseCode.tooManyPresences);
    for (const id of ids) expect((await presence()).has(id)).toBe(false);
    // One by one it goes the same way: the limit is on what the connection holds at once.
    const slow = await rawSocket(server, cookie);
    for (const id of ids.slice(0, PRESENCE_CLIENTS_MAX)) slow.ws.send(awarenessMessage([[id, 1, { lessonId: 'y' }]]));
    await waitFor(async () => expect((await presence()).has(ids[PRESENCE_CLIENTS_MAX - 1])).toBe(true));
    slow.ws.send(awarenessMessage([[ids[PRESENCE_CLIENTS_MAX], 1, { lessonId: 'y' }]]));
    expect(await slow.closed).toBe(CloseCode.tooManyPresences);
    for (const id of ids) expect((await presence()).has(id)).toBe(false);
  });

  it('PROTO-15: stock clients that echo more peers than the limit stay connected and see each other', async () => {
    const logins = ['teacher', 'classteacher', 'substitute', 'english1', 'english2', 'deputy'];
    const stock = await Promise.all(logins.map((l) => open(l)));
    expect(stock.length).toBeGreaterThan(PRESENCE_CLIENTS_MAX);
    stock.forEach((c, i) => c.provider.awareness.setLocalState({ lessonId: page.teacherLessons[i] }));
    for (const c of stock) {
      await waitFor(() => {
        for (const other of stock) expect(c.provider.awareness.getStates().get(other.doc.clientID)).toBeDefined();
      });
    }
    // One leaves: the others echo its removal, which is not theirs to count either.
    stock[0].provider.disconnect();
    await waitFor(() => expect(stock[1].provider.awareness.getStates().has(stock[0].doc.clientID)).toBe(false));
    for (const c of stock.slice(1)) expect(c.provider.wsconnected).toBe(true);
    expect((await server.registry.open(J5B)).conns.size).toBeGreaterThanOrEqual(stock.length - 1);
  });

  it('PROTO-14, PROTO-15: after all that the server still syncs and acknowledges an honest client', async () => {
    const honest = await open('teacher', { ext: true });
    const lesson = page.teacherLessons[0];
    change(honest.doc, 't', () => setLessonField(honest.doc, lesson, 'topic', 'Честная тема'));
    const local = Y.decodeStateVector(Y.encodeStateVector(honest.doc));
    await waitFor(() => expect(pendingChanges(local, honest.acks.at(-1)!)).toBe(0));
    honest.provider.awareness.setLocalState({ lessonId: lesson });
    await waitFor(async () => expect((await presence()).get(honest.doc.clientID)).toMatchObject({ lessonId: lesson }));
  });
});
