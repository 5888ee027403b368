import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import type { ChangeRow, DocumentStore } from '../storage/port.ts';
import { AppliedSeqs } from './applied-seqs.ts';
import { decodeRelayMessage, encodeRelayMessage, relayMessageSender, type RelayMessage } from './relay-messages.ts';

/** Each committed update's change rows (HIST-1), null for one without or when unknown (read back from the log). */
export type CommittedChanges = ReadonlyArray<readonly ChangeRow[] | null>;

/** What the relay needs of a room: apply what another process committed, and its presence. */
export interface RelayedRoom {
  readonly name: string;
  applyRemote(update: Uint8Array, bindings: ReadonlyArray<[number, string]>, changes: CommittedChanges): void;
  applyRemotePresence(update: Uint8Array): void;
}

/** What a room registry tells the relay (CLU-1): nothing of it when the server runs alone. */
export interface DocumentRelay {
  /** A room just loaded from the log up to `seq`: from now on it hears the other processes. */
  join(room: RelayedRoom, seq: number): void;
  /** The room unloaded. */
  leave(name: string): void;
  /** This process committed the log positions first..last of a document: the updates, merged, go out. */
  committed(
    name: string,
    firstSeq: number,
    lastSeq: number,
    updates: readonly Uint8Array[],
    bindings: ReadonlyArray<[number, string]>,
    changes: CommittedChanges,
  ): void;
  /** A presence change of one of this process's connections. */
  presence(name: string, update: Uint8Array): void;
  close(): Promise<void>;
}

interface Joined {
  room: RelayedRoom;
  seqs: AppliedSeqs;
  reading: Promise<void> | null;
  holeTimer: NodeJS.Timeout | null;
}

const withoutPassword = (url: string) => url.replace(/\/\/[^@/]*@/, '//');

/** How long a hole in the log positions may wait for the message that overtook it before the log is read. */
const HOLE_GRACE_MS = 100;

/**
 * Several server processes behind one load balancer (issue 20, CLU-*): every document a process
 * holds in memory is subscribed on Redis (`<prefix>doc:<name>`), and every commit of a process is
 * published there after PostgreSQL has it — the update as committed, with its compensations
 * (PROTO-12 across processes) and the client ids it bound. Rights are decided once, by the process
 * that commits; the others apply, never commit again. Redis is only the fast path: a process that
 * joins late, misses a message or loses Redis reads what it lacks from the log (CLU-3), so the
 * store stays the one truth and nothing is taken from another process's memory.
 */
export class RedisRelay implements DocumentRelay {
  /** Tells this process's own messages apart (Redis sends a publisher its own messages too). */
  readonly id = randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly joined = new Map<string, Joined>();
  /** Documents whose last commit could not be published (Redis down): said again once it is back. */
  private readonly unpublished = new Map<string, number>();
  private down = false;
  private everReady = false;
  /** MSG-11: told when another process says users' conversation lists changed. */
  onInbox: ((userIds: readonly string[]) => void) | null = null;

  constructor(
    private readonly url: string,
    private readonly prefix: string,
    private readonly store: Pick<DocumentStore, 'readUpdates'> & { loadClientIds(name: string): Promise<Map<number, string>> },
    private readonly onError: (e: unknown) => void,
  ) {
    // A publish while Redis is away fails at once (offline queue off): the log is the fallback, not memory.
    this.pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.sub = new Redis(url, { maxRetriesPerRequest: null });
    for (const client of [this.pub, this.sub]) client.on('error', (e) => this.lost(e));
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
    this.sub.subscribe(`${prefix}inbox`).catch((e) => this.onError(e));
    // ioredis subscribes again by itself after a reconnect; what was published meanwhile is read from the log.
    this.sub.on('ready', () => {
      if (this.everReady) for (const j of this.joined.values()) void this.catchUp(j);
      this.everReady = true;
      this.down = false;
    });
    this.pub.on('ready', () => this.republish());
  }

  /** Resolves once both connections are up (at start: a Redis that cannot be reached stops the start, with its reason). */
  async ready(timeoutMs = 10_000): Promise<void> {
    const up = (client: Redis) =>
      client.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => client.once('ready', () => resolve()));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis at ${withoutPassword(this.url)} did not answer in ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([Promise.all([up(this.pub), up(this.sub)]), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** OPS-1: `/api/ready` — both connections up, and Redis answering. */
  async ping(): Promise<void> {
    if (this.sub.status !== 'ready') throw new Error('Redis subscription down');
    await this.pub.ping();
  }

  private channel(name: string): string {
    return `${this.prefix}doc:${name}`;
  }

  join(room: RelayedRoom, seq: number): void {
    const j: Joined = { room, seqs: new AppliedSeqs(seq), reading: null, holeTimer: null };
    this.joined.set(room.name, j);
    // Commits between the load and the subscription would be missed: the log is read once subscribed.
    this.sub.subscribe(this.channel(room.name)).then(
      () => this.catchUp(j),
      (e) => this.onError(e),
    );
  }

  leave(name: string): void {
    const j = this.joined.get(name);
    if (!j) return;
    if (j.holeTimer) clearTimeout(j.holeTimer);
    this.joined.delete(name);
    this.sub.unsubscribe(this.channel(name)).catch(() => {});
  }

  committed(
    name: string,
    firstSeq: number,
    lastSeq: number,
    updates: readonly Uint8Array[],
    bindings: ReadonlyArray<[number, string]>,
    changes: CommittedChanges,
  ): void {
    const j = this.joined.get(name);
    if (j && j.seqs.add(firstSeq, lastSeq)) this.watchHole(j);
    const update = updates.length === 1 ? updates[0] : Y.mergeUpdates([...updates]);
    const message: RelayMessage = {
      kind: 'commit',
      from: this.id,
      firstSeq,
      lastSeq,
      update,
      bindings: [...bindings],
      changes: [...changes],
    };
    this.publish(this.channel(name), message, name, lastSeq);
  }

  /** MSG-11: these users' conversation lists changed here; their streams on other processes are told. */
  inboxChanged(userIds: readonly string[]): void {
    if (userIds.length > 0) this.publish(`${this.prefix}inbox`, { kind: 'inbox', from: this.id, userIds: [...userIds] });
  }

  presence(name: string, update: Uint8Array): void {
    this.publish(this.channel(name), { kind: 'presence', from: this.id, update });
  }

  private publish(channel: string, message: RelayMessage, name?: string, lastSeq?: number): void {
    const data = Buffer.from(encodeRelayMessage(message));
    this.pub.publish(channel, data).catch(() => {
      // The others learn of it when Redis is back (republish), or at their next message (a hole).
      if (name !== undefined && lastSeq !== undefined) this.unpublished.set(name, Math.max(lastSeq, this.unpublished.get(name) ?? 0));
    });
  }

  /** Redis is back: each document whose commit went unsaid is announced by its head, and the others read the log. */
  private republish(): void {
    for (const [name, lastSeq] of this.unpublished) {
      this.unpublished.delete(name);
      this.publish(this.channel(name), { kind: 'head', from: this.id, lastSeq }, name, lastSeq);
    }
  }

  private receive(channel: string, data: Uint8Array): void {
    // Redis sends a publisher its own messages too: half of what arrives, dropped before decoding.
    if (relayMessageSender(data) === this.id) return;
    if (channel === `${this.prefix}inbox`) {
      const m = decodeRelayMessage(data);
      if (m?.kind === 'inbox') this.onInbox?.(m.userIds);
      return;
    }
    if (!channel.startsWith(`${this.prefix}doc:`)) return;
    const j = this.joined.get(channel.slice(this.prefix.length + 4));
    const m = j ? decodeRelayMessage(data) : null;
    if (!j || !m) return;
    try {
      if (m.kind === 'presence') return j.room.applyRemotePresence(m.update);
      if (m.kind === 'head') return void (m.lastSeq > j.seqs.highest && this.catchUp(j));
      if (m.kind !== 'commit' || m.lastSeq <= j.seqs.contiguous) return;
      j.room.applyRemote(m.update, m.bindings, m.changes);
      if (j.seqs.add(m.firstSeq, m.lastSeq)) this.watchHole(j);
    } catch (e) {
      this.onError(e);
    }
  }

  /** A hole below a range held: the message that overtook it usually follows at once; if not, the log. */
  private watchHole(j: Joined): void {
    j.holeTimer ??= setTimeout(() => {
      j.holeTimer = null;
      if (j.seqs.hasHole && this.joined.get(j.room.name) === j) void this.catchUp(j);
    }, HOLE_GRACE_MS);
  }

  /** CLU-3: what the log holds beyond what this copy holds, applied as one update. */
  private catchUp(j: Joined): Promise<void> {
    j.reading ??= (async () => {
      try {
        const rows = await this.store.readUpdates(j.room.name, j.seqs.contiguous);
        if (rows.length === 0 || this.joined.get(j.room.name) !== j) return;
        const bindings = [...(await this.store.loadClientIds(j.room.name))];
        // The log keeps change rows apart: unknown here, which a diary takes as «anything may have changed».
        j.room.applyRemote(
          Y.mergeUpdates(rows.map((r) => r.update)),
          bindings,
          rows.map(() => null),
        );
        j.seqs.add(j.seqs.contiguous + 1, rows[rows.length - 1].seq);
      } catch (e) {
        this.onError(e);
      } finally {
        j.reading = null;
      }
    })();
    return j.reading;
  }

  private lost(e: unknown): void {
    // ioredis retries for ever and emits an error at each attempt: said once per outage.
    if (this.down) return;
    this.down = true;
    this.onError(new Error(`Redis unreachable, documents served from this process only until it is back: ${(e as Error).message}`));
  }

  async close(): Promise<void> {
    for (const j of this.joined.values()) if (j.holeTimer) clearTimeout(j.holeTimer);
    this.joined.clear();
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
