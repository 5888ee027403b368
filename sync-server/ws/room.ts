import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode, encodeAck, encodeReject, MAX_UPDATE_BYTES, MessageType, RejectReason } from '../../model/index.ts';
import type { Storage, UpdateRow } from '../storage/port.ts';
import { stampAwarenessIdentity } from './awareness-identity.ts';
import { Connection } from './connection.ts';

/** Transaction origin of changes the server makes itself (initialisation, migrations). */
export const SERVER_ORIGIN = Symbol('server');
/** Transaction origin of loading from storage: nothing to persist. */
export const LOAD_ORIGIN = Symbol('load');

interface PendingUpdate {
  row: UpdateRow;
  from: Connection | null;
}

export interface RoomEvents {
  /** Called when the room has no connections and nothing left to write. */
  onIdle(room: Room): void;
  onError(error: unknown): void;
}

/**
 * One document in memory with its connections. Updates are applied at once, committed in
 * batches (everything that arrived while the previous commit ran goes in one transaction),
 * then broadcast and acknowledged: nothing is acknowledged or shown to peers before it is on
 * disk (PROTO-3).
 */
export class Room {
  readonly conns = new Set<Connection>();
  readonly awareness: awarenessProtocol.Awareness;
  private pending: PendingUpdate[] = [];
  private flushing = false;
  private flushScheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private awarenessOwner = new Map<number, Connection>();

  constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    private readonly storage: Storage,
    private readonly events: RoomEvents,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>) => {
      const changed = [...added, ...updated, ...removed];
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MessageType.awareness);
      encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
      this.broadcast(encoding.toUint8Array(enc), null);
    });
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOAD_ORIGIN) return;
      const from = origin instanceof Connection ? origin : null;
      const now = Date.now();
      this.pending.push({
        from,
        row: {
          update,
          userId: from?.identity.userId ?? 'system',
          sessionId: from?.identity.sessionId ?? 'system',
          clientTime: from && from.clockOffsetMs !== null ? now + from.clockOffsetMs : null,
          serverTime: now,
        },
      });
      this.scheduleFlush();
    });
  }

  /** True while updates wait to be committed: such a room is never unloaded. */
  get hasUnsaved(): boolean {
    return this.pending.length > 0 || this.flushing;
  }

  join(conn: Connection): void {
    this.conns.add(conn);
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.sync);
    syncProtocol.writeSyncStep1(enc, this.doc);
    conn.send(encoding.toUint8Array(enc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) {
      const a = encoding.createEncoder();
      encoding.writeVarUint(a, MessageType.awareness);
      encoding.writeVarUint8Array(a, awarenessProtocol.encodeAwarenessUpdate(this.awareness, states));
      conn.send(encoding.toUint8Array(a));
    }
    // Tell the client what is already safe on disk, so a reloaded client knows what is saved.
    if (conn.extensions && !this.hasUnsaved) conn.send(encodeAck(Y.encodeStateVector(this.doc)));
  }

  leave(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    const ids = [...conn.awarenessIds].filter((id) => this.awarenessOwner.get(id) === conn);
    for (const id of ids) this.awarenessOwner.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
    this.checkIdle();
  }

  /** Handles one binary message from a connection; protocol violations close it. */
  receive(conn: Connection, data: Uint8Array): void {
    try {
      const dec = decoding.createDecoder(data);
      const type = decoding.readVarUint(dec);
      if (type === MessageType.sync) this.receiveSync(conn, dec);
      else if (type === MessageType.awareness) this.receiveAwareness(conn, decoding.readVarUint8Array(dec));
      else if (type === MessageType.queryAwareness) this.sendAllAwareness(conn);
      else if (type === MessageType.clock) conn.clockOffsetMs = decoding.readFloat64(dec) - Date.now();
      else throw new Error(`unknown message type ${type}`);
    } catch (e) {
      conn.socket.close(CloseCode.malformed, 'malformed message');
      this.events.onError(e);
    }
  }

  private receiveSync(conn: Connection, dec: decoding.Decoder): void {
    const syncType = decoding.readVarUint(dec);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MessageType.sync);
      syncProtocol.writeSyncStep2(enc, this.doc, decoding.readVarUint8Array(dec));
      conn.send(encoding.toUint8Array(enc));
    } else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
      this.receiveUpdate(conn, decoding.readVarUint8Array(dec));
    } else {
      throw new Error(`unknown sync message ${syncType}`);
    }
  }

  /** PROTO-4: refuse what is read-only, too large, malformed or missing dependencies; apply the rest. */
  private receiveUpdate(conn: Connection, update: Uint8Array): void {
    if (update.byteLength > MAX_UPDATE_BYTES) {
      return this.reject(conn, RejectReason.tooLarge, `update of ${update.byteLength} bytes exceeds ${MAX_UPDATE_BYTES}`);
    }
    let meta: { from: Map<number, number> };
    let empty: boolean;
    try {
      const decoded = Y.decodeUpdate(update);
      empty = decoded.structs.length === 0 && decoded.ds.clients.size === 0;
      meta = Y.parseUpdateMeta(update);
    } catch {
      return this.reject(conn, RejectReason.malformed, 'update could not be decoded');
    }
    // The stock client answers the server's sync step 1 even when it has nothing: no change, no reject.
    if (empty) return;
    if (conn.access !== 'write') return this.reject(conn, RejectReason.readOnly, 'this document is read-only for you');
    const sv = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    for (const [client, clock] of meta.from) {
      if (clock > (sv.get(client) ?? 0)) {
        return this.reject(
          conn,
          RejectReason.missingDependencies,
          `update from client ${client} starts at ${clock}, server has ${sv.get(client) ?? 0}`,
        );
      }
    }
    Y.applyUpdate(this.doc, update, conn);
  }

  private receiveAwareness(conn: Connection, update: Uint8Array): void {
    const stamped = stampAwarenessIdentity(update, conn.identity, (id) => (this.awarenessOwner.get(id) ?? conn) === conn);
    if (stamped.clientIds.length === 0) return;
    for (const id of stamped.clientIds) {
      this.awarenessOwner.set(id, conn);
      conn.awarenessIds.add(id);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped.update, conn);
  }

  private sendAllAwareness(conn: Connection): void {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.awareness);
    encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]));
    conn.send(encoding.toUint8Array(enc));
  }

  private reject(conn: Connection, reason: RejectReason, detail: string): void {
    if (conn.extensions) conn.send(encodeReject({ reason, detail }));
  }

  private broadcast(message: Uint8Array, except: Connection | null): void {
    for (const c of this.conns) if (c !== except) c.send(message);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      void this.flush();
    });
  }

  /** Commits every pending update in one transaction, then broadcasts and acks. */
  async flush(): Promise<void> {
    if (this.flushing || this.pending.length === 0) return;
    this.flushing = true;
    const batch = this.pending.splice(0);
    // Everything applied so far is in this batch: this state vector is what the commit covers.
    const committed = Y.encodeStateVector(this.doc);
    try {
      await this.storage.appendUpdates(
        this.name,
        batch.map((b) => b.row),
      );
    } catch (e) {
      // Never drop or unload a document whose save failed: keep the batch and retry.
      this.pending.unshift(...batch);
      this.flushing = false;
      this.events.onError(e);
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = null;
        void this.flush();
      }, 1000);
      return;
    }
    this.flushing = false;
    for (const b of batch) {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MessageType.sync);
      syncProtocol.writeUpdate(enc, b.row.update);
      this.broadcast(encoding.toUint8Array(enc), b.from);
    }
    const ack = encodeAck(committed);
    for (const c of this.conns) if (c.extensions) c.send(ack);
    if (this.pending.length > 0) this.scheduleFlush();
    else this.checkIdle();
  }

  private checkIdle(): void {
    if (this.conns.size === 0 && !this.hasUnsaved) this.events.onIdle(this);
  }

  destroy(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
