import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType } from '../../model/index.ts';

/** Updates merged into one message at most this large, well under the server's limit per update (PROTO-4). */
const CHUNK_BYTES = 256 * 1024;

/**
 * SYNC-13: this device's own updates as Yjs made them, kept until the server acknowledges them
 * (PROTO-3), and sent again first thing on every connect, before the sync step. That step sends
 * what the server lacks from the document as it is now, and a value of ours that a concurrent one
 * has hidden here meanwhile is deleted in it, its content dropped: a server that stopped before
 * committing the value (a crash while this device synced) would get it back empty and could not
 * keep it. Sent first, as typed, it arrives whole and is settled as any concurrent write (SYNC-9,
 * SYNC-12). Updates the server already holds change nothing there.
 */
export class OwnUpdates {
  private pending: Array<{ update: Uint8Array; to: Map<number, number> }> = [];
  private acked = new Map<number, number>();

  constructor(
    private readonly doc: Y.Doc,
    /** The transaction origin of this user's own edits. */
    private readonly origin: unknown,
  ) {
    doc.on('update', this.onUpdate);
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this.origin) this.pending.push({ update, to: Y.parseUpdateMeta(update).to });
  };

  /** The server committed up to this state vector: the updates it covers, in order, are dropped. */
  setAcked(sv: Uint8Array): void {
    this.acked = Y.decodeStateVector(sv);
    // In order: a deletion of ours stays behind the value it deletes while that one waits.
    let kept = 0;
    while (kept < this.pending.length && this.covered(this.pending[kept].to)) kept++;
    this.pending.splice(0, kept);
  }

  /** The sync messages that carry them, merged, in order. */
  messages(): Uint8Array[] {
    const out: Uint8Array[] = [];
    let chunk: Uint8Array[] = [];
    let bytes = 0;
    const flush = () => {
      if (chunk.length === 0) return;
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MessageType.sync);
      syncProtocol.writeUpdate(enc, chunk.length === 1 ? chunk[0] : Y.mergeUpdates(chunk));
      out.push(encoding.toUint8Array(enc));
      chunk = [];
      bytes = 0;
    };
    for (const { update } of this.pending) {
      if (bytes + update.byteLength > CHUNK_BYTES) flush();
      chunk.push(update);
      bytes += update.byteLength;
    }
    flush();
    return out;
  }

  dispose(): void {
    this.doc.off('update', this.onUpdate);
  }

  private covered(to: Map<number, number>): boolean {
    for (const [client, clock] of to) if ((this.acked.get(client) ?? 0) < clock) return false;
    return true;
  }
}
