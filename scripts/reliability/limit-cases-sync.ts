import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CloseCode, encodeEditTimes, MessageType, RejectReason } from '../../model/index.ts';
import {
  MAX_EDIT_TIMES_PER_MESSAGE,
  MAX_UPDATE_BYTES,
  PRESENCE_CLIENTS_MAX,
  PRESENCE_STATE_MAX_BYTES,
  SYNC_LIMITS,
  WS_MAX_PAYLOAD_BYTES,
} from '../../sync-server/limits.ts';
import { campaignLogin, signInAs, type LimitCase, type LimitContext } from './limit-case.ts';
import { updateMessage } from './limit-flood.ts';
import { LimitSocket } from './limit-socket.ts';

/** The demo's school year: every member of staff may open it. */
const SCHOOL = 'school/demo/2026';

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

/**
 * A real update over PROTO-4's bound whose message still fits the socket's (PROTO-14): a homework
 * of about 2.03 MiB, so that the refusal is the update's, not the frame's.
 */
function oversizedUpdate(ctx: LimitContext, i: number): Uint8Array {
  const doc = new Y.Doc();
  const text = 'д'.repeat(Math.ceil((MAX_UPDATE_BYTES + 32 * 1024) / 2));
  doc.getMap('lessons').set(`${ctx.lessons[i % ctx.lessons.length]}:homework`, text);
  const update = Y.encodeStateAsUpdate(doc);
  const message = updateMessage(update);
  if (update.length <= MAX_UPDATE_BYTES || message.length > WS_MAX_PAYLOAD_BYTES)
    throw new Error(`the oversized update is ${update.length} bytes in a ${message.length}-byte message: not between the two bounds`);
  return message;
}

/** Sends `frames` on a fresh socket signed in with `cookie` and answers how the server ended it. */
async function closedBy(ctx: LimitContext, cookie: string, frames: Uint8Array[]): Promise<string> {
  const socket = await LimitSocket.open(ctx.origin, cookie);
  if (!(await socket.welcomed)) return `refused at once with ${socket.closeCode}`;
  for (const f of frames) await socket.send(f);
  // A socket the server keeps open would answer the ping: that is an answer too, and the wrong one.
  const alive = await socket.alive();
  if (alive) {
    await socket.close();
    return 'socket kept open';
  }
  return `close ${await socket.closed}`;
}

/** PROTO-4, PROTO-13…15, PROTO-18: the limits one sync socket (or one user's sockets) can hit. */
export const SYNC_CASES: LimitCase[] = [
  {
    name: 'One update through sync: 2.03 MiB (in a message under the socket bound)',
    expected: `reject ${RejectReason.tooLarge}, socket kept open`,
    run: async (ctx, i) => {
      const socket = await LimitSocket.open(ctx.origin, ctx.cookie('teacher'), { ext: true });
      await socket.welcomed;
      await socket.send(oversizedUpdate(ctx, i));
      const alive = await socket.alive();
      await socket.close();
      const reasons = [...new Set(socket.rejects.map((r) => r.reason))];
      return `${reasons.length > 0 ? `reject ${reasons.join(', ')}` : 'no reject'}, socket ${alive ? 'kept open' : `closed with ${socket.closeCode}`}`;
    },
  },
  {
    name: 'One WebSocket message: 2 MiB + 64 KiB + 1 byte',
    expected: `close ${CloseCode.messageTooBig}`,
    run: (ctx) => {
      const big = new Uint8Array(WS_MAX_PAYLOAD_BYTES + 1);
      big.set([MessageType.sync, 2, 0x80, 0x80, 0xc0, 0x01]);
      return closedBy(ctx, ctx.cookie('teacher'), [big]);
    },
  },
  {
    name: 'One presence state: 20 KiB of JSON',
    expected: `close ${CloseCode.tooLarge}`,
    run: (ctx, i) =>
      closedBy(ctx, ctx.cookie('director'), [awarenessMessage([[770_000 + i, 1, { junk: 'x'.repeat(PRESENCE_STATE_MAX_BYTES + 4096) }]])]),
  },
  {
    name: `Presence states of one connection: ${PRESENCE_CLIENTS_MAX + 1}`,
    expected: `close ${CloseCode.tooManyPresences}`,
    run: (ctx, i) => {
      const ids = Array.from({ length: PRESENCE_CLIENTS_MAX + 1 }, (_, k) => 880_000 + i * 100 + k);
      return closedBy(ctx, ctx.cookie('deputy'), [awarenessMessage(ids.map((id) => [id, 1, { lessonId: ctx.lessons[0] }]))]);
    },
  },
  {
    name: `Edit-time ranges in one message: ${(MAX_EDIT_TIMES_PER_MESSAGE + 1).toLocaleString('en-US')}`,
    expected: `close ${CloseCode.malformed}`,
    run: (ctx, i) => {
      const times = Array.from({ length: MAX_EDIT_TIMES_PER_MESSAGE + 1 }, (_, k) => ({
        client: 990_000 + i,
        from: k,
        to: k + 1,
        at: Date.now(),
      }));
      return closedBy(ctx, ctx.cookie('teacher'), [encodeEditTimes(times)]);
    },
  },
  {
    name: `Open sync connections of one user: ${SYNC_LIMITS.connectionsPerUser} + 1`,
    expected: `${SYNC_LIMITS.connectionsPerUser} welcomed, the next closed with ${CloseCode.tooManyConnections}, ${SYNC_LIMITS.connectionsPerUser} stay open`,
    run: async (ctx, i) => {
      const cookie = await signInAs(ctx, campaignLogin('conn', i));
      // The school year's document: nobody writes it during the item, so fifty idle sockets per
      // repetition are not fed the floods' broadcasts, which this one process could not read
      // fast enough (the server would rightly close them as slow readers, PROTO-16).
      const open = () => LimitSocket.open(ctx.origin, cookie, { doc: SCHOOL });
      const own = await Promise.all(Array.from({ length: SYNC_LIMITS.connectionsPerUser }, open));
      try {
        const welcomes = await Promise.all(own.map((s) => s.welcomed));
        const welcomed = welcomes.filter(Boolean).length;
        // A socket that did not open is named with how it ended: the answer must show why the count is short.
        const lost = [...new Set(own.filter((_, k) => !welcomes[k]).map((s) => s.closeCode))];
        const short = lost.length > 0 ? ` (the others closed with ${lost.join(', ')})` : '';
        const next = await open();
        const nextWelcomed = await next.welcomed;
        const nextAnswer = nextWelcomed ? 'the next welcomed too' : `the next closed with ${await next.closed}`;
        await next.close();
        // «Those already open stay»: each answers a ping after the refusal.
        const stay = (await Promise.all(own.map((s) => s.alive()))).filter(Boolean).length;
        return `${welcomed} welcomed${short}, ${nextAnswer}, ${stay} stay open`;
      } finally {
        await Promise.all(own.map((s) => s.close()));
      }
    },
  },
];
