import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType, pendingChanges, readAck, readReject, readStorageStatus, type Rejection } from '../../model/index.ts';
import { LOCAL_EDIT } from './origins.ts';

/**
 * Counts the changes of one document that the server has not yet committed to disk, from the
 * state vector in its durable ack (PROTO-3, PROTO-5). Peers' "saved" is not ours: only the ack
 * makes a change saved.
 */
export class AckTracker {
  private acked: Map<number, number> | null = null;
  /**
   * Before the first ack ever: what came from elsewhere (the server, local storage) is not
   * ours to send, so only this session's own edits count as pending.
   */
  private readonly received = new Map<number, number>();
  private count = 0;

  constructor(
    private readonly doc: Y.Doc,
    private readonly onChange: (pending: number) => void,
  ) {
    doc.on('update', this.onUpdate);
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (this.acked === null && origin !== LOCAL_EDIT) {
      // `to`: where each client's changes in it end (a state vector of an update counts only from 0).
      for (const [client, clock] of Y.parseUpdateMeta(update).to) {
        this.received.set(client, Math.max(clock, this.received.get(client) ?? 0));
      }
    }
    this.recount();
  };

  /** Sets the committed state vector (from the server, or remembered from the last session). */
  setAcked(sv: Uint8Array): void {
    this.acked = Y.decodeStateVector(sv);
    this.recount();
  }

  /**
   * PROTO-3: a peer's update the server broadcast is on its disk (the server broadcasts only
   * after the commit, and acks only the sender), so it is nobody's unsaved change here. Before
   * the first ack it already counts as received.
   */
  noteCommitted(sv: Map<number, number>): void {
    if (this.acked === null) return;
    for (const [client, clock] of sv) this.acked.set(client, Math.max(clock, this.acked.get(client) ?? 0));
    this.recount();
  }

  /**
   * The local copy was loaded without update events (quiet-load.ts): before any ack, what it
   * holds counts as received, as it would have through `onUpdate`.
   */
  noteLoaded(): void {
    if (this.acked === null) {
      for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.doc))) {
        this.received.set(client, Math.max(clock, this.received.get(client) ?? 0));
      }
    }
    this.recount();
  }

  pending(): number {
    return this.count;
  }

  /** What is known committed, encoded as the ack carries it; null before the first ack. */
  ackedVector(): Uint8Array | null {
    return this.acked ? Y.encodeStateVector(this.acked) : null;
  }

  private recount(): void {
    const local = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    const n = pendingChanges(local, this.acked ?? this.received);
    if (n !== this.count) {
      this.count = n;
      this.onChange(n);
    }
  }

  dispose(): void {
    this.doc.off('update', this.onUpdate);
  }
}

/**
 * Registers our two extension messages on a provider (it asked for them with `ext=1`).
 * Handlers write nothing back: y-websocket sends the encoder only when it holds more than the type.
 */
export function registerExtensionHandlers(
  provider: WebsocketProvider,
  onAck: (sv: Uint8Array) => void,
  onReject: (r: Rejection) => void,
  onCommitted: (sv: Map<number, number>) => void = () => {},
  onStorage: (saving: boolean) => void = () => {},
): void {
  type Handler = (encoder: unknown, decoder: decoding.Decoder, ...rest: unknown[]) => void;
  const handlers = (provider as unknown as { messageHandlers: Handler[] }).messageHandlers;
  // A sync message of type "update" from the server is a broadcast, sent only after its commit.
  const sync = handlers[MessageType.sync];
  handlers[MessageType.sync] = (enc, dec, ...rest) => {
    const peek = decoding.clone(dec);
    const update = decoding.readVarUint(peek) === syncProtocol.messageYjsUpdate ? decoding.readVarUint8Array(peek) : null;
    sync(enc, dec, ...rest);
    // `to`: where each client's changes in it end (a state vector of an update counts only from 0).
    if (update) onCommitted(Y.parseUpdateMeta(update).to);
  };
  handlers[MessageType.ack] = (_enc, dec) => onAck(readAck(dec));
  handlers[MessageType.storage] = (_enc, dec) => onStorage(readStorageStatus(dec));
  handlers[MessageType.reject] = (_enc, dec) => {
    try {
      onReject(readReject(dec));
    } catch (e) {
      console.warn('unreadable reject message', e);
    }
  };
}
