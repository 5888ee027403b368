import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType, readAck, readReject, readStorageStatus, type Rejection } from '../../model/index.ts';
import { Connection } from '../../sync-server/ws/connection.ts';

/** A socket that keeps what the room sends it: sync updates applied to a replica, rejects listed. */
export class Replica {
  readonly doc = new Y.Doc();
  readonly rejects: Rejection[] = [];
  /** Sync step 2 answers received. */
  answers = 0;
  /** Bytes of every message received. */
  bytes = 0;
  /** Acks received (state vectors), and what the server said of its store (PROTO-21), in order. */
  readonly acks: Map<number, number>[] = [];
  readonly storage: boolean[] = [];
  readonly conn: Connection;
  constructor(userId: string) {
    const socket = { send: (m: Uint8Array) => this.take(m), close: () => {}, isOpen: () => true };
    this.conn = new Connection(socket, { userId, sessionId: `s-${userId}`, name: userId, role: '', roles: [] }, 'write', true);
  }
  private take(m: Uint8Array): void {
    this.bytes += m.length;
    const dec = decoding.createDecoder(m);
    const type = decoding.readVarUint(dec);
    if (type === MessageType.reject) this.rejects.push(readReject(dec));
    if (type === MessageType.ack) this.acks.push(Y.decodeStateVector(readAck(dec)));
    if (type === MessageType.storage) this.storage.push(readStorageStatus(dec));
    if (type !== MessageType.sync) return;
    const sub = decoding.readVarUint(dec);
    if (sub === syncProtocol.messageYjsSyncStep2) this.answers++;
    if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate)
      Y.applyUpdate(this.doc, decoding.readVarUint8Array(dec));
  }
  /** The message the stock client sends on connecting: its state vector. */
  step1(): Uint8Array {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.sync);
    syncProtocol.writeSyncStep1(enc, this.doc);
    return encoding.toUint8Array(enc);
  }
  update(write: (doc: Y.Doc) => void): Uint8Array {
    const before = Y.encodeStateVector(this.doc);
    write(this.doc);
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.sync);
    syncProtocol.writeUpdate(enc, Y.encodeStateAsUpdate(this.doc, before));
    return encoding.toUint8Array(enc);
  }
}
