import * as Y from 'yjs';
import { encodeAck, encodeReject, encodeStorageStatus, type Rejection } from '../../model/index.ts';
import type { ChangeRow, RefusedChange, Storage } from '../storage/port.ts';
import type { Connection } from './connection.ts';
import { broadcastBatch, pendingUpdate, type PendingUpdate } from './room-broadcast.ts';
import type { SyncMetrics } from './sync-metrics.ts';

/** What the commits of a room need of it. */
export interface CommitRoom {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly conns: ReadonlySet<Connection>;
  onError(error: unknown): void;
  /** After each commit, once it is on disk and sent: the committed updates' change rows. */
  onCommitted(changes: ReadonlyArray<readonly ChangeRow[] | null>): void;
  /** After a flush: the room may be unloaded when nothing is left. */
  onSettled(): void;
  /** CLU-1: right after each commit, its log positions, updates and bindings (for the other processes). */
  onAppended?(
    firstSeq: number,
    lastSeq: number,
    updates: readonly Uint8Array[],
    bindings: ReadonlyArray<[number, string]>,
    changes: ReadonlyArray<readonly ChangeRow[] | null>,
  ): void;
  /** OPS-4: each commit's time on disk is counted here. */
  readonly metrics?: SyncMetrics;
}

/**
 * What a room has applied and not yet written, and what waits on the writing (PROTO-3): every
 * pending update, refused change and client-id binding goes to disk in one transaction; only then
 * are the updates broadcast, the writers acknowledged, the refusals reported (PROTO-11: a reject
 * names a row that is on disk) and the sync answers that held them sent (PROTO-20: a client is never
 * given a state a crash could take back — it would later send it as its own).
 */
export class RoomCommits {
  readonly pending: PendingUpdate[] = [];
  private refused: RefusedChange[] = [];
  private rejects: Array<[Connection, Rejection]> = [];
  private bindings: Array<[number, string]> = [];
  private readonly awaitingAck = new Set<Connection>();
  private answers: Array<{ conn: Connection; message: Uint8Array; commit: number }> = [];
  private commitsStarted = 0;
  private flushing: Promise<void> | null = null;
  private flushScheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  /** PROTO-21: the last commit failed; the room's clients have been told the server cannot save. */
  private failing = false;

  constructor(
    private readonly room: CommitRoom,
    private readonly storage: Storage,
  ) {}

  /** True while something waits to be committed: such a room is never unloaded. */
  get hasUnsaved(): boolean {
    return this.pending.length > 0 || this.refused.length > 0 || this.flushing !== null;
  }

  /** An update just applied to the document, attributed by its transaction origin. */
  applied(update: Uint8Array, origin: unknown, now: number): void {
    this.pending.push(pendingUpdate(update, origin, now));
    this.scheduleFlush();
  }

  /**
   * STORE-18: the pending update of `origin` whose values were refused is kept and relayed as the
   * document now holds its structs: a compensated value was deleted and its content dropped, so a
   * refused 1.5 MB value no longer travels to every peer and stays in the log for ever. Taken only
   * when smaller (the re-encoding carries the document's whole delete set).
   */
  withoutRefusedValues(origin: unknown, from: ReadonlyMap<number, number>): void {
    const entry = this.pending.findLast((p) => p.origin === origin);
    if (!entry) return;
    const { doc } = this.room;
    // Everything the document holds, but the update's own clients from where the update began.
    const target = Y.decodeStateVector(Y.encodeStateVector(doc));
    for (const [client, clock] of from) target.set(client, clock);
    const lean = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(target));
    if (lean.length < entry.row.update.length) entry.row.update = lean;
  }

  bind(clientId: number, userId: string): void {
    this.bindings.push([clientId, userId]);
  }

  /** A refused change to keep for the deputy, and who is told of it once it is kept. */
  refuse(row: RefusedChange, tell: readonly Connection[], rejection: Rejection): void {
    this.refused.push(row);
    for (const c of tell) this.rejects.push([c, rejection]);
    this.scheduleFlush();
  }

  /**
   * PROTO-3: a connection is told what is on disk once its updates are, and only it: peers learn
   * of a commit from its broadcast (sent only after the commit), so an ack to every connection of
   * the room on every commit would be traffic for nothing. An update that changed nothing, or a
   * connection that joins, is answered at once when nothing waits to be written.
   */
  ackWhenSaved(conn: Connection): void {
    if (!conn.extensions) return;
    if (this.hasUnsaved) this.awaitingAck.add(conn);
    else conn.send(encodeAck(Y.encodeStateVector(this.room.doc)));
  }

  /** PROTO-20: a sync answer holding updates not yet on disk goes out once they are. */
  answerWhenSaved(conn: Connection, message: Uint8Array): void {
    if (!this.hasUnsaved) return conn.send(message);
    // What waits now goes into the next commit to start; with nothing waiting, the running one holds it all.
    const waiting = this.pending.length > 0 || this.refused.length > 0;
    this.answers.push({ conn, message, commit: waiting ? this.commitsStarted + 1 : this.commitsStarted });
  }

  /** PROTO-21: a connection that joins while the store fails is told at once. */
  greet(conn: Connection): void {
    if (this.failing && conn.extensions) conn.send(encodeStorageStatus(false));
  }

  private tellStorage(saving: boolean): void {
    this.failing = !saving;
    const message = encodeStorageStatus(saving);
    for (const c of this.room.conns) if (c.extensions) c.send(message);
  }

  forget(conn: Connection): void {
    this.awaitingAck.delete(conn);
    this.answers = this.answers.filter((a) => a.conn !== conn);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      void this.flush();
    });
  }

  /**
   * Commits everything pending in one transaction, then broadcasts and acks; resolves once what
   * was pending is committed (after waiting for a commit in progress), so a route that applied a
   * change and awaits this answers only when the change is on disk.
   */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.length === 0 && this.refused.length === 0) return;
    this.flushing = this.commit();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
    this.room.onSettled();
  }

  private async commit(): Promise<void> {
    const batch = this.pending.splice(0);
    const refused = this.refused.splice(0);
    const bindings = this.bindings.splice(0);
    const rejects = this.rejects.splice(0);
    const commit = ++this.commitsStarted;
    const toAck = [...this.awaitingAck];
    this.awaitingAck.clear();
    // Everything applied so far is in this batch: this state vector is what the commit covers.
    const committed = Y.encodeStateVector(this.room.doc);
    const started = performance.now();
    let lastSeq: number;
    try {
      // STORE-21: the updates, what they refused and the client ids first seen, in one transaction.
      lastSeq = await this.storage.appendUpdates(
        this.room.name,
        batch.map((b) => b.row),
        { refused, bindings },
      );
    } catch (e) {
      // Never drop or unload a document whose save failed: keep the batch and retry.
      this.pending.unshift(...batch);
      this.refused.unshift(...refused);
      this.bindings.unshift(...bindings);
      this.rejects.unshift(...rejects);
      for (const c of toAck) this.awaitingAck.add(c);
      this.room.onError(e);
      if (!this.failing) this.tellStorage(false);
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = null;
        void this.flush();
      }, 1000);
      return;
    }
    this.room.metrics?.committed((performance.now() - started) / 1000);
    const { conns } = this.room;
    if (this.failing) this.tellStorage(true);
    const changes = batch.map((b) => b.row.changes ?? null);
    if (batch.length > 0)
      this.room.onAppended?.(
        lastSeq - batch.length + 1,
        lastSeq,
        batch.map((b) => b.row.update),
        bindings,
        changes,
      );
    broadcastBatch(conns, batch);
    this.room.onCommitted(changes);
    const ready = this.answers.filter((a) => a.commit <= commit);
    this.answers = this.answers.filter((a) => a.commit > commit);
    for (const a of ready) if (conns.has(a.conn)) a.conn.send(a.message);
    const ack = encodeAck(committed);
    for (const c of toAck) if (conns.has(c)) c.send(ack);
    for (const [c, rejection] of rejects) if (conns.has(c) && c.extensions) c.send(encodeReject(rejection));
    if (this.pending.length > 0) return this.scheduleFlush();
    // Nothing left to write: whoever waits (a no-op update during the commit) has it all.
    if (this.awaitingAck.size > 0) {
      const all = encodeAck(Y.encodeStateVector(this.room.doc));
      for (const c of this.awaitingAck) c.send(all);
      this.awaitingAck.clear();
    }
  }

  destroy(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }
}
