import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ChangeRow } from '../storage/port.ts';

/**
 * What one server process tells the others of a document through Redis (CLU-1, CLU-2): a commit
 * (its log positions, the batch's updates merged into one, and the client ids it bound) or a
 * presence change. Binary (lib0), one message per publish.
 */
export type RelayMessage =
  | {
      kind: 'commit';
      from: string;
      firstSeq: number;
      lastSeq: number;
      update: Uint8Array;
      bindings: Array<[number, string]>;
      /** Each committed update's change rows (HIST-1), null for one without: what the diaries project from. */
      changes: Array<readonly ChangeRow[] | null>;
    }
  | { kind: 'presence'; from: string; update: Uint8Array }
  /** A commit that could not be said when it was made (Redis was away): read the log up to here. */
  | { kind: 'head'; from: string; lastSeq: number }
  /** MSG-11: these users' conversation lists changed (their open «Сообщения» refresh). */
  | { kind: 'inbox'; from: string; userIds: string[] };

const COMMIT = 0;
const PRESENCE = 1;
const HEAD = 2;
const INBOX = 3;
const KINDS = { commit: COMMIT, presence: PRESENCE, head: HEAD, inbox: INBOX } as const;

export function encodeRelayMessage(m: RelayMessage): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, KINDS[m.kind]);
  encoding.writeVarString(enc, m.from);
  if (m.kind === 'commit') {
    encoding.writeVarUint(enc, m.firstSeq);
    encoding.writeVarUint(enc, m.lastSeq);
    encoding.writeVarUint8Array(enc, m.update);
    encoding.writeVarUint(enc, m.bindings.length);
    for (const [clientId, userId] of m.bindings) {
      encoding.writeVarUint(enc, clientId);
      encoding.writeVarString(enc, userId);
    }
    encoding.writeAny(enc, m.changes as never);
  } else if (m.kind === 'presence') {
    encoding.writeVarUint8Array(enc, m.update);
  } else if (m.kind === 'head') {
    encoding.writeVarUint(enc, m.lastSeq);
  } else {
    encoding.writeAny(enc, m.userIds);
  }
  return encoding.toUint8Array(enc);
}

/** Who sent a message (its process id), read without decoding the rest; null when it is not one. */
export function relayMessageSender(data: Uint8Array): string | null {
  try {
    const dec = decoding.createDecoder(data);
    decoding.readVarUint(dec);
    return decoding.readVarString(dec);
  } catch {
    return null;
  }
}

/** The message, or null when it is not one (another program on the channel): never thrown. */
export function decodeRelayMessage(data: Uint8Array): RelayMessage | null {
  try {
    const dec = decoding.createDecoder(data);
    const kind = decoding.readVarUint(dec);
    const from = decoding.readVarString(dec);
    if (kind === PRESENCE) return { kind: 'presence', from, update: decoding.readVarUint8Array(dec) };
    if (kind === HEAD) return { kind: 'head', from, lastSeq: decoding.readVarUint(dec) };
    if (kind === INBOX) return { kind: 'inbox', from, userIds: decoding.readAny(dec) as string[] };
    if (kind !== COMMIT) return null;
    const firstSeq = decoding.readVarUint(dec);
    const lastSeq = decoding.readVarUint(dec);
    const update = decoding.readVarUint8Array(dec);
    const bindings: Array<[number, string]> = [];
    for (let n = decoding.readVarUint(dec); n > 0; n--) bindings.push([decoding.readVarUint(dec), decoding.readVarString(dec)]);
    const changes = decoding.readAny(dec) as Array<ChangeRow[] | null>;
    return { kind: 'commit', from, firstSeq, lastSeq, update, bindings, changes };
  } catch {
    return null;
  }
}
