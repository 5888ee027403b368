import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AppliedSeqs } from '../../sync-server/cluster/applied-seqs.ts';
import { decodeRelayMessage, encodeRelayMessage, relayMessageSender } from '../../sync-server/cluster/relay-messages.ts';
import { RedisRelay, type RelayedRoom } from '../../sync-server/cluster/redis-relay.ts';
import { openPgStorage, type PgStorage } from '../../sync-server/storage/pg/pg-storage.ts';
import type { UpdateRow } from '../../sync-server/storage/port.ts';
import { PgTestSpace, requirePostgres } from '../helpers/pg-test-database.ts';
import { requireRedis, TEST_REDIS_URL } from '../helpers/redis-test.ts';
import { waitFor } from '../helpers/wait-for.ts';

describe('CLU-3: the log positions a copy holds', () => {
  it('fills a hole when the message that overtook it arrives, and keeps it open until then', () => {
    const seqs = new AppliedSeqs(3);
    expect(seqs.add(6, 7)).toBe(true);
    expect([seqs.contiguous, seqs.highest]).toEqual([3, 7]);
    expect(seqs.add(4, 4)).toBe(true);
    expect(seqs.add(5, 5)).toBe(false);
    expect(seqs.contiguous).toBe(7);
    expect(seqs.add(2, 7)).toBe(false);
  });

  it('a relay message survives its encoding, and anything else on the channel is ignored', () => {
    const m = {
      kind: 'commit' as const,
      from: 'p1',
      firstSeq: 4,
      lastSeq: 9,
      update: new Uint8Array([1, 2, 3]),
      bindings: [[77, 'u-teacher']] as Array<[number, string]>,
      changes: [
        null,
        [
          {
            path: 'marks/l1:s1:0',
            oldValue: undefined,
            newValue: '5|oral|1',
            userId: 'u-teacher',
            asSubstitute: false,
            clientTime: null,
            serverTime: 1_796_799_630_843,
            clockOffsetMs: -12.5,
            note: null,
          },
        ],
      ],
    };
    expect(decodeRelayMessage(encodeRelayMessage(m))).toEqual(m);
    expect(decodeRelayMessage(encodeRelayMessage({ kind: 'head', from: 'p2', lastSeq: 12 }))).toEqual({
      kind: 'head',
      from: 'p2',
      lastSeq: 12,
    });
    expect(decodeRelayMessage(encodeRelayMessage({ kind: 'inbox', from: 'p3', userIds: ['u-parent'] }))).toEqual({
      kind: 'inbox',
      from: 'p3',
      userIds: ['u-parent'],
    });
    expect(relayMessageSender(encodeRelayMessage(m))).toBe('p1');
    expect(decodeRelayMessage(new Uint8Array([9, 200]))).toBeNull();
    expect(decodeRelayMessage(new TextEncoder().encode('hello'))).toBeNull();
  });
});

const space = new PgTestSpace();
const reachable = (await requirePostgres(space.url)) && (await requireRedis());

/** A document held by one process, as its room holds it: what the relay applies goes into it. */
function copy(name: string): RelayedRoom & { doc: Y.Doc } {
  const doc = new Y.Doc();
  return { name, doc, applyRemote: (u) => Y.applyUpdate(doc, u), applyRemotePresence: () => {} };
}

/** One edit of a writer's document, as a log row. */
function edit(writer: Y.Doc, key: string, value: string): UpdateRow {
  let update: Uint8Array | null = null;
  writer.once('update', (u: Uint8Array) => (update = u));
  writer.getMap('lessons').set(key, value);
  return { update: update!, userId: 'u-teacher', sessionId: 's', clientTime: null, serverTime: Date.now() };
}

/**
 * The relay on the real PostgreSQL and Redis: what Redis never delivered is read from the log
 * (CLU-3) — a commit message lost (a hole below the next one), and commits made while a process's
 * subscription was down.
 */
describe.skipIf(!reachable)('CLU-3: a process reads from the log what Redis did not bring', () => {
  const opened: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    for (const o of opened.reverse()) await o.close();
    await space.dropAll();
  });

  async function setUp() {
    const store: PgStorage = await openPgStorage(space.url, { schema: space.schema() });
    opened.push(store);
    const prefix = `relay-test-${Math.random().toString(36).slice(2)}:`;
    const relays = [0, 1].map(() => new RedisRelay(TEST_REDIS_URL, prefix, store, (e) => console.error(e)));
    opened.push(...relays);
    await Promise.all(relays.map((r) => r.ready()));
    return { store, relays, name: 'journal/5b/2026' };
  }

  /** Appends to the log as a committing room does, and says it through `relay` (or not: a lost message). */
  async function commit(store: PgStorage, name: string, rows: UpdateRow[], relay?: RedisRelay) {
    const last = await store.appendUpdates(name, rows);
    relay?.committed(
      name,
      last - rows.length + 1,
      last,
      rows.map((r) => r.update),
      [],
      rows.map(() => null),
    );
  }

  it('a lost commit message is read from the log when the next one shows the hole', async () => {
    const { store, relays, name } = await setUp();
    const writer = new Y.Doc();
    const b = copy(name);
    relays[1].join(b, 0);
    await waitFor(() => expect(relays[1]['sub'].status).toBe('ready'));
    // Subscribed once a published commit arrives: the first goes through Redis alone.
    await commit(store, name, [edit(writer, 'l1:topic', 'Дроби')], relays[0]);
    await waitFor(() => expect(b.doc.getMap('lessons').get('l1:topic')).toBe('Дроби'));
    // Seqs 2 and 3 committed, never said (the publisher died between its commit and its publish).
    await commit(store, name, [edit(writer, 'l2:topic', 'Проценты'), edit(writer, 'l3:topic', 'Уравнения')]);
    await commit(store, name, [edit(writer, 'l4:topic', 'Задачи')], relays[0]);
    await waitFor(() => expect(b.doc.getMap('lessons').toJSON()).toEqual(writer.getMap('lessons').toJSON()));
  });

  it('commits made while a subscription was down are read from the log once Redis is back', async () => {
    const { store, relays, name } = await setUp();
    const writer = new Y.Doc();
    const b = copy(name);
    relays[1].join(b, 0);
    await commit(store, name, [edit(writer, 'l1:topic', 'Дроби')], relays[0]);
    await waitFor(() => expect(b.doc.getMap('lessons').get('l1:topic')).toBe('Дроби'));
    const sub = relays[1]['sub'] as Redis;
    // The subscription drops (a Redis restart, a network cut); what is committed meanwhile is never delivered.
    const dropped = new Promise((r) => sub.once('end', r).once('close', r));
    sub.stream.destroy();
    await dropped;
    await commit(store, name, [edit(writer, 'l2:topic', 'Проценты')], relays[0]);
    await waitFor(() => expect(b.doc.getMap('lessons').toJSON()).toEqual(writer.getMap('lessons').toJSON()));
  });
});
