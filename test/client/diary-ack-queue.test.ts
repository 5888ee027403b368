import { describe, expect, it } from 'vitest';
import {
  AckQueue,
  SENT_KEPT,
  type QueuedAck,
  type QueueState,
  type QueueStore,
  type SendResult,
} from '../../client/features/diary-acks/ack-queue.ts';

/** IndexedDB's `kv` record as the queue uses it: read and replaced whole, atomically; or failing. */
function memoryStore(state: { value?: QueueState; broken?: boolean } = {}): QueueStore & { state: typeof state } {
  return {
    state,
    load: async () => (state.broken ? undefined : state.value),
    update: async (fn) => {
      if (state.broken) return undefined;
      state.value = fn(state.value);
      return state.value;
    },
  };
}

const ack = (item: string): QueuedAck => ({ key: `s1|week|${item}`, url: '/api/diary/s1/read', body: { kind: 'week', item }, at: 1 });

/** A server that answers from a script, and records what it was sent. */
function server(answers: SendResult[] = []) {
  const got: string[] = [];
  return {
    got,
    send: async (a: QueuedAck): Promise<SendResult> => {
      const answer = answers.shift() ?? 'sent';
      if (answer !== 'retry') got.push(a.body.item);
      return answer;
    },
  };
}

describe('the diary’s queue of reads (DIARY-28)', () => {
  it('DIARY-28: reads made offline wait in the store and go, in order, once the server answers; nothing is lost', async () => {
    const store = memoryStore();
    const net = server(['retry']);
    const q = new AckQueue(store, net.send);
    await q.add(ack('2026-12-07'));
    await q.add(ack('2026-11-30'));
    expect(await q.flush()).toBe(false);
    expect(net.got).toEqual([]);
    // A reload: a new queue over the same store still has both.
    const again = new AckQueue(store, net.send);
    expect((await again.pending()).map((a) => a.body.item)).toEqual(['2026-12-07', '2026-11-30']);
    expect(await again.flush()).toBe(true);
    expect(net.got).toEqual(['2026-12-07', '2026-11-30']);
    expect(await again.pending()).toEqual([]);
  });

  it('DIARY-28: a read queued or sent already is not queued again, so it is never sent twice', async () => {
    const net = server();
    const q = new AckQueue(memoryStore(), net.send);
    expect(await q.add(ack('2026-12-07'))).toBe(true);
    expect(await q.add(ack('2026-12-07'))).toBe(false);
    await q.flush();
    expect(await q.add(ack('2026-12-07'))).toBe(false);
    await q.flush();
    expect(net.got).toEqual(['2026-12-07']);
  });

  it('DIARY-28: flushes asked for at once never send one read twice; one refused for good is dropped', async () => {
    const net = server(['refused']);
    const q = new AckQueue(memoryStore(), net.send);
    for (const item of ['bad', 'a', 'b', 'c']) await q.add(ack(item));
    await Promise.all([q.flush(), q.flush(), q.flush()]);
    expect(net.got).toEqual(['bad', 'a', 'b', 'c']);
    expect(await q.pending()).toEqual([]);
    // The refused one was not remembered as sent: the page may record it again (and be refused again).
    expect(await q.add(ack('bad'))).toBe(true);
  });

  it('DIARY-28: the memory of what was sent is bounded; a failing store keeps reads in memory', async () => {
    const store = memoryStore({ value: { pending: [], sent: Array.from({ length: SENT_KEPT }, (_, i) => `old${i}`) } });
    const q = new AckQueue(store, server().send);
    await q.add(ack('new'));
    await q.flush();
    expect(store.state.value!.sent.length).toBe(SENT_KEPT);
    expect(store.state.value!.sent.at(-1)).toBe('s1|week|new');

    const net = server(['retry']);
    const broken = new AckQueue(memoryStore({ broken: true }), net.send);
    await broken.add(ack('x'));
    expect(await broken.flush()).toBe(false);
    expect(await broken.flush()).toBe(true);
    expect(net.got).toEqual(['x']);
  });
});
