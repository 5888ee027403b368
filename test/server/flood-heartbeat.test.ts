import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCode, MessageType } from '../../model/index.ts';
import { DEMO_FIXTURE_DAY } from '../helpers/demo-facts.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * PROTO-17 beside SYNC-7: the rate limit pauses a flooding socket's reading, which leaves its pongs
 * unread too. The heartbeat must not take that for a dead peer: the flood is closed with 4529,
 * which a client understands, never cut with 1006 by the heartbeat first. A heartbeat of 50 ms
 * beats dozens of times in the 1.5 s the flood is held before it is closed.
 */
describe('a flood held back by the rate limit', () => {
  let server: TestServer;
  afterEach(async () => server?.dispose());

  it('PROTO-17: is closed with 4529 by the limit, not with 1006 by the heartbeat', async () => {
    server = await startTestServer({
      at: DEMO_FIXTURE_DAY,
      heartbeatMs: 50,
      syncLimits: { messagesPerSecond: 20, messagesBurst: 20, throttledMaxMs: 1500 },
    });
    const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/sync/school/demo/2026`, {
      headers: { cookie: await server.login('teacher'), origin: server.origin },
    });
    ws.on('error', () => {});
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.once('open', resolve));
    // A harmless message (the client's clock), as fast as the socket takes it, until it is closed.
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.clock);
    encoding.writeFloat64(enc, Date.now());
    const clock = encoding.toUint8Array(enc);
    const flood = () => {
      if (ws.readyState !== WebSocket.OPEN) return;
      for (let i = 0; i < 50; i++) ws.send(clock);
      setImmediate(flood);
    };
    flood();
    expect(await closed).toBe(CloseCode.tooManyMessages);
  });
});
