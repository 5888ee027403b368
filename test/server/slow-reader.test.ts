import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, CloseCode, MessageType, pendingChanges, readLesson, setLessonField } from '../../model/index.ts';
import { SYNC_LIMITS } from '../../sync-server/limits.ts';
import { DEMO_FIXTURE_DAY, mathPage, type MathPage } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { connectClient, synced, type TestClient } from '../helpers/ws-client.ts';

const J5B = 'journal/5b/2026';

/** SyncStep1 with an empty state vector: the server answers with the whole document. */
function askWholeDocument(): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.sync);
  syncProtocol.writeSyncStep1(enc, new Y.Doc());
  return encoding.toUint8Array(enc);
}

/**
 * PROTO-16 through the real server: a socket that does not read is dropped with 4508 once the
 * server's send buffer for it passes `SYNC_LIMITS.sendBufferMaxBytes`, the server stops queueing
 * for it (what it kept is what the reader finally receives), and honest clients go on syncing.
 * Counted in bytes and ordered by events, never timed.
 */
describe('a reader that does not read', () => {
  let server: TestServer;
  let page: MathPage;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
    page = await mathPage(server.storage, server.today());
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.dispose();
  });

  it('PROTO-16: a paused reader is closed with 4508 after the send-buffer bound, holding no more than it; honest clients keep syncing', async () => {
    const writer = connectClient(server, J5B, await server.login('teacher'), { ext: true });
    const reader = connectClient(server, J5B, await server.login('deputy'));
    clients.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);

    const slow = new WebSocket(`${server.origin.replace('http', 'ws')}/sync/${J5B}`, {
      headers: { cookie: await server.login('director'), origin: server.origin },
    });
    let received = 0;
    slow.on('message', (data: Buffer) => (received += data.length));
    const closed = new Promise<number>((resolve) => slow.on('close', (code) => resolve(code)));
    slow.on('error', () => {});
    await new Promise((resolve) => slow.once('open', resolve));
    // The welcome (the whole document and presence) arrives before the reader stops reading.
    await waitFor(() => expect(received).toBeGreaterThan(0));
    slow.pause();

    const documentBytes = Y.encodeStateAsUpdate((await server.registry.open(J5B)).doc).length;
    const room = await server.registry.open(J5B);
    const slowOnServer = [...room.conns].find((c) => c.identity.userId === 'u-director')!;
    expect(slowOnServer.socket.isOpen()).toBe(true);

    // Each request is answered with the whole document: far more than the bound, asked for at once.
    const requests = 300;
    const asked = requests * documentBytes;
    expect(asked).toBeGreaterThan(10 * SYNC_LIMITS.sendBufferMaxBytes);
    for (let i = 0; i < requests; i++) slow.send(askWholeDocument());

    // Meanwhile the teacher writes; the writes are acknowledged and reach the honest reader.
    const lessons = page.teacherLessons;
    let round = 0;
    const writeOnce = async () => {
      const topic = `Тема ${++round}`;
      const lesson = lessons[round % lessons.length];
      change(writer.doc, 't', () => setLessonField(writer.doc, lesson, 'topic', topic));
      const local = Y.decodeStateVector(Y.encodeStateVector(writer.doc));
      await waitFor(() => expect(pendingChanges(local, writer.acks.at(-1)!)).toBe(0));
      await waitFor(() => expect(readLesson(reader.doc, lesson).topic).toBe(topic));
    };
    // Bounded, so that a server which never drops it fails here instead of looping on.
    while (slowOnServer.socket.isOpen() && round < 200) await writeOnce();
    expect(slowOnServer.socket.isOpen()).toBe(false);
    await writeOnce();
    await writeOnce();
    expect(writer.provider.wsconnected && reader.provider.wsconnected).toBe(true);

    // The reader reads again: it gets what the server had kept for it, then the close code.
    slow.resume();
    expect(await closed).toBe(CloseCode.slowReader);
    // What the server held for it: the bound, one message past it, and what the kernel buffers
    // between two sockets on this machine (a few MB) — not the hundreds of answers it asked for.
    const kernelAllowance = 16 * 1024 * 1024;
    expect(received).toBeLessThanOrEqual(SYNC_LIMITS.sendBufferMaxBytes + 2 * documentBytes + kernelAllowance);
    expect(received).toBeLessThan(asked / 2);
    await waitFor(() => expect(room.conns.has(slowOnServer)).toBe(false));
  });
});
