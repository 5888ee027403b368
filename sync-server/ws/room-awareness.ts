import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { MessageType } from '../../model/index.ts';
import { stampAwarenessIdentity } from './awareness-identity.ts';
import type { Connection } from './connection.ts';

/**
 * Presence of one document: who is in it and where. The server stamps each state with the
 * connection's identity (SYNC-3) and forgets a connection's states when it leaves.
 */
export class RoomAwareness {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owner = new Map<number, Connection>();

  constructor(doc: Y.Doc, broadcast: (message: Uint8Array) => void) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>) => {
      broadcast(this.encode([...added, ...updated, ...removed]));
    });
  }

  /** Every known state, for a connection that just joined or asked. */
  encodeAll(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length > 0 ? this.encode(ids) : null;
  }

  receive(conn: Connection, update: Uint8Array): void {
    // SYNC-8: forward each state with a clock past the last one known for its client, so that a
    // client that comes back with its old, unchanged presence is shown again at once (y-protocols
    // ignores a state whose clock it has already seen, and the stock client keeps its clock).
    const stamped = stampAwarenessIdentity(
      update,
      conn.identity,
      (id) => (this.owner.get(id) ?? conn) === conn,
      (id, clock) => Math.max(clock, (this.awareness.meta.get(id)?.clock ?? 0) + 1),
    );
    if (stamped.clientIds.length === 0) return;
    for (const id of stamped.clientIds) {
      this.owner.set(id, conn);
      conn.awarenessIds.add(id);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped.update, conn);
  }

  leave(conn: Connection): void {
    const ids = [...conn.awarenessIds].filter((id) => this.owner.get(id) === conn);
    for (const id of ids) this.owner.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
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
