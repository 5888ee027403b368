import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * What one server process tells the others of a document through Redis (CLU-1, CLU-2): a commit
 * (its log positions, the batch's updates merged into one, and the client ids it bound) or a
 * presence change. Binary (lib0), one message per publish.
 */
export type RelayMessage =
  | { kind: 'commit'; from: string; firstSeq: number; lastSeq: number; update: Uint8Array; bindings: Array<[number, string]> }
  | { kind: 'presence'; from: string; update: Uint8Array }
  /** A commit that could not be said when it was made (Redis was away): read the log up to here. */
  | { kind: 'head'; from: string; lastSeq: number };

const COMMIT = 0;
const PRESENCE = 1;
const HEAD = 2;
const KINDS = { commit: COMMIT, presence: PRESENCE, head: HEAD } as const;

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
  } else if (m.kind === 'presence') {
    encoding.writeVarUint8Array(enc, m.update);
  } else {
    encoding.writeVarUint(enc, m.lastSeq);
  }
  return encoding.toUint8Array(enc);
}

/** The message, or null when it is not one (another program on the channel): never thrown. */
export function decodeRelayMessage(data: Uint8Array): RelayMessage | null {
  try {
    const dec = decoding.createDecoder(data);
    const kind = decoding.readVarUint(dec);
    const from = decoding.readVarString(dec);
    if (kind === PRESENCE) return { kind: 'presence', from, update: decoding.readVarUint8Array(dec) };
    if (kind === HEAD) return { kind: 'head', from, lastSeq: decoding.readVarUint(dec) };
    if (kind !== COMMIT) return null;
    const firstSeq = decoding.readVarUint(dec);
    const lastSeq = decoding.readVarUint(dec);
    const update = decoding.readVarUint8Array(dec);
    const bindings: Array<[number, string]> = [];
    for (let n = decoding.readVarUint(dec); n > 0; n--) bindings.push([decoding.readVarUint(dec), decoding.readVarString(dec)]);
    return { kind: 'commit', from, firstSeq, lastSeq, update, bindings };
  } catch {
    return null;
  }
}
