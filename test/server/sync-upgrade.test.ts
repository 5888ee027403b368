import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, MessageType } from '../../model/index.ts';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const JOURNAL = 'journal/5b/2026';

/**
 * PROTO-19: the sync endpoint's upgrades pass the app's checks and are then served by `ws`
 * directly; what a socket sends reaches the room as read, in order, from its first frame.
 */
describe('sync upgrades served by ws directly', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ at: DEMO_FIXTURE_DAY });
  });
  afterAll(async () => {
    await server.dispose();
  });

  const socket = async () => {
    const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/sync/${JOURNAL}`, {
      headers: { cookie: await server.login('teacher'), origin: server.origin },
    });
    const messages: Uint8Array[] = [];
    ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    return { ws, messages, closed };
  };

  it('PROTO-19: a request to the sync endpoint that is not a WebSocket upgrade gets 426, after the same checks', async () => {
    const url = `${server.origin}/sync/${JOURNAL}`;
    expect((await fetch(url, { headers: { origin: server.origin } })).status).toBe(401);
    const res = await fetch(url, { headers: { cookie: await server.login('teacher'), origin: server.origin } });
    expect(res.status).toBe(426);
  });

  it('PROTO-19: frames sent at once on open are answered in order (sync step 1 → step 2) before the document was loaded', async () => {
    const { ws, messages } = await socket();
    const doc = new Y.Doc();
    await new Promise<void>((resolve) => ws.once('open', () => resolve()));
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.sync);
    syncProtocol.writeSyncStep1(enc, doc);
    ws.send(encoding.toUint8Array(enc));
    // The server's step 1 comes on joining; the answer to ours is a step 2 carrying the journal.
    const step2 = await new Promise<Uint8Array>((resolve) => {
      const check = () => {
        const m = messages.find((x) => x[0] === MessageType.sync && x[1] === syncProtocol.messageYjsSyncStep2);
        if (m) resolve(m);
        else ws.once('message', check);
      };
      check();
    });
    expect(step2.length).toBeGreaterThan(1000);
    ws.close();
  });

  it('PROTO-19: a text frame closes the socket as malformed', async () => {
    const { ws, closed } = await socket();
    await new Promise<void>((resolve) => ws.once('open', () => resolve()));
    ws.send('hello');
    expect(await closed).toBe(CloseCode.malformed);
  });
});
