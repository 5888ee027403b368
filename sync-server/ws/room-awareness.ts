import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { MessageType } from '../../model/index.ts';
import { stampAwarenessIdentity } from './awareness-identity.ts';
import { Connection } from './connection.ts';
import { checkPresenceUpdate, type PresenceOwner } from './presence-limits.ts';

/** Transaction origins of presence: a connection's states removed as it leaves, and another process's. */
const LEFT = Symbol('left');
const REMOTE = Symbol('remote');

/**
 * Presence of one document: who is in it and where. The server stamps each state with the
 * connection's identity (SYNC-3), holds each connection to the presence limits (PROTO-15) and
 * forgets a connection's states when it leaves.
 */
export class RoomAwareness {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owner = new Map<number, Connection>();

  /**
   * `publish` (CLU-2): where the changes of this process's own connections go for the other
   * processes — received or left, never what came from another process or a timeout here (each
   * process times out the states it holds; a removal said for another's connection would remove
   * it everywhere).
   */
  constructor(doc: Y.Doc, broadcast: (message: Uint8Array) => void, publish?: (update: Uint8Array) => void) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const ids = [...added, ...updated, ...removed];
      broadcast(this.encode(ids));
      if (publish && (origin === LEFT || origin instanceof Connection))
        publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
    });
  }

  /** CLU-2: presence another process received, stamped and checked there. */
  applyRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
  }

  /** Every known state, for a connection that just joined or asked. */
  encodeAll(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length > 0 ? this.encode(ids) : null;
  }

  receive(conn: Connection, update: Uint8Array): void {
    // A connection told to close (PROTO-15) is not heard any more while its socket closes.
    if (!conn.socket.isOpen()) return;
    const verdict = checkPresenceUpdate(update, (id) => this.ownerOf(conn, id), this.liveOf(conn));
    if (!verdict.ok) {
      // Nothing of it is kept or relayed, and what the connection announced before goes too.
      conn.socket.close(verdict.code, verdict.reason);
      this.leave(conn);
      return;
    }
    // SYNC-8: a client that comes back after leaving announces its old, unchanged presence with
    // a clock everybody has already seen (y-protocols would ignore it): forward that one with the
    // next clock. Only then — bumping every clock would start a ping-pong with the stock client,
    // which sends back every state change it applies, its own included.
    const stamped = stampAwarenessIdentity(
      update,
      conn.identity,
      (id) => this.ownerOf(conn, id) !== 'other',
      (id, clock) => {
        const known = this.awareness.meta.get(id)?.clock;
        return known !== undefined && clock <= known && !this.awareness.states.has(id) ? known + 1 : clock;
      },
    );
    if (stamped.clientIds.length === 0) return;
    for (const id of stamped.clientIds) {
      this.owner.set(id, conn);
      conn.awarenessIds.add(id);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped.update, conn);
  }

  /**
   * Whose a client id's presence is, as this connection may speak of it. An id nobody holds now
   * but the room has seen is an echo — the stock client sends back every state it applies, and
   * its peer may have left meanwhile — once this connection already holds an id of its own: it is
   * another's, never adopted (REL-3: adopted echoes, stamped and so larger, closed honest clients
   * with 4413 or 4429). A connection that holds nothing yet may take it: that is a client coming
   * back with its old presence (SYNC-8), which announces itself first.
   */
  private ownerOf(conn: Connection, id: number): PresenceOwner {
    const owner = this.owner.get(id);
    if (owner !== undefined) return owner === conn ? 'this' : 'other';
    const echo = this.awareness.meta.has(id) && [...conn.awarenessIds].some((own) => this.owner.get(own) === conn);
    return echo ? 'other' : 'nobody';
  }

  /** The client ids whose state this connection holds now. */
  private liveOf(conn: Connection): Set<number> {
    return new Set([...conn.awarenessIds].filter((id) => this.owner.get(id) === conn && this.awareness.states.has(id)));
  }

  leave(conn: Connection): void {
    const ids = [...conn.awarenessIds].filter((id) => this.owner.get(id) === conn);
    for (const id of ids) this.owner.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, LEFT);
  }

  destroy(): void {
    this.awareness.destroy();
  }

  private encode(ids: number[]): Uint8Array {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.awareness);
    encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
    return encoding.toUint8Array(enc);
  }
}
