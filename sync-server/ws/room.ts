import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  CloseCode,
  EditTimeIndex,
  encodeReject,
  MessageType,
  RejectReason,
  readEditTimes,
  type JournalChange,
  type Rejection,
} from '../../model/index.ts';
import type { Storage } from '../storage/port.ts';
import { ActingIds } from './acting-ids.ts';
import { ChangeCollector, type CollectedChange } from './change-collector.ts';
import { hiddenBehindStandIns, landedHidden } from './hidden-values.ts';
import { compensateRefused, personOf, StandIns, valueSeenAt, valueShownBy } from './stand-ins.ts';
import { refuseHidden, writeAgain, writeAgainRemote, type WriteAgainRoom } from './write-again.ts';
import { clientTimeOf } from './change-time.ts';
import { Connection } from './connection.ts';
import { RoomAwareness } from './room-awareness.ts';
import { guardUpdate } from './update-guard.ts';
import { lostValueRow, settleConcurrentWrites, type SettleRoom } from './concurrent-settle.ts';
import { refusedRow } from './refused-row.ts';
import { findUnseenOverwrites } from './concurrent-writes.ts';
import { findShadowedWrites, ServerWrites, type ShadowedWrite } from './shadowed-writes.ts';
import { changeRows, sendAll, updateMessage, type RowAuthor } from './room-broadcast.ts';
import { RoomCommits } from './room-commits.ts';
import { syncStep1Message, syncStep2Message } from './sync-messages.ts';
import { COMPENSATION_ORIGIN, LOAD_ORIGIN, REMOTE_ORIGIN, ServerAction, type RoomEvents, type RoomPolicy } from './room-contract.ts';

export { COMPENSATION_ORIGIN, LOAD_ORIGIN, SERVER_ORIGIN, ServerAction, type RoomEvents, type RoomPolicy } from './room-contract.ts';

/**
 * One document in memory with its connections. An update is checked, applied, its changed
 * paths authorized and the refused ones compensated at once (PERM-*); then everything that
 * arrived meanwhile is committed in one transaction, broadcast as one update and acknowledged:
 * nothing is acknowledged or shown to peers before it is on disk (PROTO-3), and no peer ever
 * sees a refused value (PROTO-12).
 */
export class Room {
  readonly conns = new Set<Connection>();
  readonly presence: RoomAwareness;
  private readonly commits: RoomCommits;
  /** The server's own writes in this life: values written on a person's behalf. */
  private readonly serverWrites: ServerWrites;
  private readonly standIns: StandIns;
  private readonly allowedMaps: ReadonlySet<string>;
  private readonly collector: ChangeCollector | null;
  private readonly now: () => number;
  /** Made when the server first writes on someone's behalf: most rooms never do (issue 15: memory per room). */
  private actingIds: ActingIds | null = null;

  constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    private readonly storage: Storage,
    private readonly events: RoomEvents,
    private readonly policy: RoomPolicy,
  ) {
    this.now = events.now ?? Date.now;
    this.allowedMaps = new Set(policy.maps);
    this.collector = policy.authorize ? new ChangeCollector(doc, policy.maps) : null;
    this.serverWrites = new ServerWrites(doc);
    this.standIns = new StandIns(policy.clientIds);
    this.commits = new RoomCommits(
      {
        name,
        doc,
        conns: this.conns,
        onError: (e) => events.onError(e),
        onCommitted: (changes) => events.onCommitted?.(this, changes),
        onSettled: () => this.checkIdle(),
        onAppended: events.relay && ((...commit) => events.relay!.committed(name, ...commit)),
        metrics: events.metrics,
      },
      storage,
    );
    const publish = events.relay && ((update: Uint8Array) => events.relay!.presence(name, update));
    this.presence = new RoomAwareness(doc, (m) => sendAll(this.conns, m), publish);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOAD_ORIGIN) return;
      // CLU-1: committed by another process, which decided its rights: shown to everyone here.
      if (origin === REMOTE_ORIGIN) return sendAll(this.conns, updateMessage(update));
      this.commits.applied(update, origin, this.now());
    });
  }

  private get acting(): ActingIds {
    this.actingIds ??= new ActingIds(this.doc, {
      has: (id) => this.policy.clientIds.has(id),
      bind: (id, userId) => {
        this.policy.clientIds.set(id, userId);
        this.commits.bind(id, userId);
      },
    });
    return this.actingIds;
  }

  /** True while updates wait to be committed: such a room is never unloaded. */
  get hasUnsaved(): boolean {
    return this.commits.hasUnsaved;
  }

  join(conn: Connection): void {
    this.conns.add(conn);
    conn.send(syncStep1Message(this.doc));
    this.commits.greet(conn);
    const states = this.presence.encodeAll();
    if (states) conn.send(states);
    // Tell the client what is already safe on disk, so a reloaded client knows what is saved.
    this.commits.ackWhenSaved(conn);
  }

  leave(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    this.commits.forget(conn);
    this.presence.leave(conn);
    this.checkIdle();
  }

  /** Handles one binary message from a connection; protocol violations close it. */
  receive(conn: Connection, data: Uint8Array): void {
    try {
      const dec = decoding.createDecoder(data);
      const type = decoding.readVarUint(dec);
      if (type === MessageType.sync) this.receiveSync(conn, dec);
      else if (type === MessageType.awareness) this.presence.receive(conn, decoding.readVarUint8Array(dec));
      else if (type === MessageType.queryAwareness) {
        const states = this.presence.encodeAll();
        if (states) conn.send(states);
      } else if (type === MessageType.clock) conn.clockOffsetMs = decoding.readFloat64(dec) - this.now();
      else if (type === MessageType.editTimes) (conn.editTimes ??= new EditTimeIndex()).add(readEditTimes(dec));
      else throw new Error(`unknown message type ${type}`);
    } catch (e) {
      conn.socket.close(CloseCode.malformed, 'malformed message');
      this.events.onError(e);
    }
  }

  private receiveSync(conn: Connection, dec: decoding.Decoder): void {
    const syncType = decoding.readVarUint(dec);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      this.commits.answerWhenSaved(conn, syncStep2Message(this.doc, decoding.readVarUint8Array(dec)));
    } else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
      this.receiveUpdate(conn, decoding.readVarUint8Array(dec));
    } else {
      throw new Error(`unknown sync message ${syncType}`);
    }
  }

  /**
   * CLU-1: applies what another process committed (it decided the rights), with the client ids it
   * bound (PROTO-10 holds on every process, and stand-ins are read by them). SYNC-10, SYNC-12: a value
   * it accepted that lands hidden here behind a deletion or a stand-in is written again as its
   * writer's — by this process, the one that meets it: the committing one saw neither.
   */
  applyRemote(update: Uint8Array, bindings: ReadonlyArray<[number, string]>): void {
    for (const [clientId, userId] of bindings) if (!this.policy.clientIds.has(clientId)) this.policy.clientIds.set(clientId, userId);
    Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    if (this.collector && this.standIns.any) writeAgainRemote(this.writing, update);
  }

  /** Checks, applies, authorizes path by path and compensates what is refused. */
  private receiveUpdate(conn: Connection, update: Uint8Array): void {
    const verdict = guardUpdate(update, this.doc, this.allowedMaps, (c) => this.policy.clientIds.get(c), conn.identity.userId);
    if (!verdict.ok) return this.reject(conn, verdict.rejection);
    // The stock client answers the server's sync step 1 even when it has nothing: no change, no reject.
    if (verdict.empty) return;
    if (conn.access !== 'write') return this.reject(conn, { reason: RejectReason.readOnly, detail: 'this document is read-only for you' });
    this.events.metrics?.updateAccepted();
    for (const c of verdict.clientIds) {
      if (this.policy.clientIds.has(c)) continue;
      this.policy.clientIds.set(c, conn.identity.userId);
      this.commits.bind(c, conn.identity.userId);
    }
    if (!this.collector || !this.policy.authorize) {
      Y.applyUpdate(this.doc, verdict.update, conn);
      return this.commits.ackWhenSaved(conn);
    }
    // SYNC-9: which keys this update writes over a value its writer never saw; known only before applying.
    const overwrites = findUnseenOverwrites(
      verdict.structs,
      this.doc,
      verdict.ds,
      (o) => valueSeenAt(o, this.doc, this.policy.clientIds) === null,
    );
    const changes = this.collector.collect(conn, () => Y.applyUpdate(this.doc, verdict.update, conn));
    const decisions = changes.length > 0 ? this.policy.authorize(conn, changes) : [];
    const refused = changes.filter((_, i) => !decisions[i].allowed);
    // HIST-1: the accepted paths become the change rows of the update just queued.
    const substitute = new Set(changes.filter((_, i) => decisions[i].allowed && (decisions[i] as { asSubstitute: boolean }).asSubstitute));
    this.attachChanges(
      conn,
      changes.filter((_, i) => decisions[i].allowed),
      (c, serverTime) => ({
        userId: conn.identity.userId,
        asSubstitute: substitute.has(c),
        clientTime: clientTimeOf(conn, c, serverTime),
        clockOffsetMs: conn.clockOffsetMs,
        note: null,
      }),
    );
    const runAs = (name: string, write: () => void) => this.acting.run(name, write);
    compensateRefused(this.doc, refused, verdict.structs, COMPENSATION_ORIGIN, runAs, this.policy.clientIds);
    if (refused.length > 0) this.commits.withoutRefusedValues(conn, verdict.from);
    changes.forEach((c, i) => {
      const d = decisions[i];
      if (!d.allowed) this.refuse(conn, c, d.reason, d.detail);
    });
    const changed = new Set(changes.map((c) => `${c.map}/${c.key}`));
    const refusedHidden = refuseHidden(this.writing, conn, verdict.structs, landedHidden(verdict.structs, verdict.ds, this.doc, changed));
    for (const k of refusedHidden) changed.add(k);
    const shadowed: ShadowedWrite[] = [
      ...findShadowedWrites(verdict.structs, verdict.ds, this.doc, changed),
      ...(this.standIns.any ? hiddenBehindStandIns(verdict.structs, verdict.ds, this.doc, changed, this.policy.clientIds) : []),
    ];
    if (shadowed.length > 0) writeAgain(this.writing, conn, shadowed);
    const settled = overwrites.filter(
      (o) => !refusedHidden.has(`${o.map}/${o.key}`) && !shadowed.some((w) => w.map === o.map && w.key === o.key),
    );
    if (settled.length > 0) settleConcurrentWrites(this.settling(conn), conn, settled, changes, decisions);
    this.commits.ackWhenSaved(conn);
  }

  /** PROTO-11: a refused change is reported to its writer and kept for the deputy. */
  private refuse(conn: Connection | null, c: JournalChange, reason: RejectReason, detail: string, userId = conn?.identity.userId): void {
    this.events.metrics?.refused();
    const row = refusedRow(this.name, conn, userId ?? 'system', c, reason, detail, this.now());
    const rejection = { reason, detail, path: row.path, value: c.newValue ?? null, at: row.serverTime, id: row.id };
    this.commits.refuse(row, conn ? [conn] : [...this.conns].filter((x) => x.identity.userId === userId), rejection);
  }

  /** SYNC-10, SYNC-12: what writing a hidden value again may do in this room. */
  private get writing(): WriteAgainRoom {
    return {
      doc: this.doc,
      bound: this.policy.clientIds,
      authorize: (c, changes) => this.policy.authorize!(c, changes),
      refuse: (c, change, reason, detail) => this.refuse(c, change, reason, detail),
      runAs: (name, write) => this.acting.run(name, write),
      record: (action, write, who) => this.attachChanges(action, this.collector!.collect(action, write), who),
    };
  }

  /** SYNC-9: what settling concurrent writes may do in this room. */
  private settling(conn: Connection): SettleRoom {
    return {
      doc: this.doc,
      userOf: (client, clock) => {
        const shown = valueShownBy({ client, clock }, this.doc, this.policy.clientIds);
        return personOf(this.policy.clientIds.get(shown.client)) ?? this.serverWrites.authorOf(shown.client, shown.clock);
      },
      authorize: (c, changes) => this.policy.authorize!(c, changes),
      writeAs: (userId, sessionId, note, fn) => this.acting.run(userId, () => this.act(new ServerAction(userId, sessionId, note), fn)),
      refuse: (c, change, reason, detail) => this.refuse(c, change, reason, detail),
      replaced: (userId, change, detail) => {
        const own = userId === conn.identity.userId;
        // The writer of this update lost: its value stays in the history, beside the one kept.
        const entry = own ? this.commits.pending.findLast((p) => p.origin === conn) : undefined;
        if (entry) entry.row.changes = [...(entry.row.changes ?? []), lostValueRow(conn, change, entry.row.serverTime)];
        this.refuse(own ? conn : null, change, RejectReason.replaced, detail, userId);
      },
    };
  }

  /**
   * Applies a change the server makes on a person's behalf (a deputy's correction), recorded in
   * the history under that person with the stated note.
   */
  act(action: ServerAction, fn: () => void): void {
    if (!this.collector) return this.doc.transact(fn, action);
    const { userId, note } = action;
    const changes = this.collector.collect(action, () => this.serverWrites.record(userId, () => this.doc.transact(fn, action)));
    this.attachChanges(action, changes, () => ({ userId, asSubstitute: false, clientTime: null, clockOffsetMs: null, note }));
  }

  /** HIST-1: puts change rows on the pending update that `origin` just produced. */
  private attachChanges(origin: Connection | ServerAction, changes: readonly CollectedChange[], who: RowAuthor): void {
    const entry = this.commits.pending.findLast((p) => p.origin === origin);
    if (entry && changes.length > 0) entry.row.changes = changeRows(changes, entry.row.serverTime, who);
  }

  private reject(conn: Connection, rejection: Rejection): void {
    this.events.metrics?.refused();
    if (conn.extensions) conn.send(encodeReject(rejection));
  }

  /** Resolves once what was applied so far is on disk (room-commits.ts). */
  flush(): Promise<void> {
    return this.commits.flush();
  }

  private checkIdle(): void {
    if (this.conns.size === 0 && !this.hasUnsaved) this.events.onIdle(this);
  }

  destroy(): void {
    this.commits.destroy();
    this.policy.dispose?.();
    this.presence.destroy();
    this.doc.destroy();
  }
}
